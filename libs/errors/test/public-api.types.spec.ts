/**
 * Pins the key signatures of the public API at the type level: `npm run typecheck`
 * fails when one changes, and the runtime checks below run with the tests. A change
 * here is a change users must be told about (CHANGELOG, semver).
 */
import type { DynamicModule } from '@nestjs/common';
import {
  type ApiError,
  type ErrorCode,
  type ErrorOccurrence,
  type ErrorTranslator,
  type ErrorsModuleAsyncOptions,
  type ErrorsModuleOptions,
  type Translation,
  type TranslationContext,
  ConflictError,
  DomainError,
  DomainErrors,
  ErrorRuntime,
  ErrorsModule,
  NotFoundError,
  ValidationCodes,
  ContractValidationPipe,
  defineErrorCode,
  fastifyFrameworkErrors,
} from 'nest-error-contract';
import {
  type DatabaseTranslator,
  createDatabaseTranslator,
  runTransactionWithRetry,
} from 'nest-error-contract/typeorm';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const pinned = <T extends true>(): T => true as T;

// The wire contract: exactly four keys.
pinned<Equals<keyof ApiError, 'message' | 'error_code' | 'field' | 'details'>>();
pinned<Equals<ApiError['field'], string | null>>();
pinned<Equals<ApiError['details'], Record<string, unknown> | null>>();

// The module: forRoot(options) and forRootAsync(options) give a DynamicModule.
pinned<Equals<Parameters<typeof ErrorsModule.forRoot>, [options?: ErrorsModuleOptions & { isGlobal?: boolean }]>>();
pinned<Equals<ReturnType<typeof ErrorsModule.forRoot>, DynamicModule>>();
// Every option has a default: the bare call compiles.
export const bare: DynamicModule = ErrorsModule.forRoot();
pinned<Equals<Parameters<typeof ErrorsModule.forRootAsync>[0], ErrorsModuleAsyncOptions>>();
pinned<
  Equals<
    keyof ErrorsModuleOptions,
    | 'codes'
    | 'translators'
    | 'database'
    | 'requestIdHeader'
    | 'requestIdOnSuccess'
    | 'bodyMediaTypes'
    | 'bodyChecks'
    | 'unknownRoutes'
    | 'logger'
    | 'format'
    | 'catalogue'
    | 'problemTypeBase'
    | 'defaultLocale'
    | 'messages'
    | 'headerLimits'
    | 'domainErrors'
  >
>();

// Codes: defined in one line, created per occurrence.
pinned<
  Equals<
    typeof defineErrorCode,
    (
      code: string,
      name: string,
      status: number,
      message: string,
      docs?: { details?: string; description?: string },
    ) => ErrorCode
  >
>();
pinned<Equals<Parameters<ErrorCode['create']>, [occurrence?: ErrorOccurrence]>>();
pinned<Equals<typeof ValidationCodes.MIN, ErrorCode>>();

// Translators: a plain function from anything thrown to a translation, or "not mine".
pinned<Equals<ErrorTranslator, (exception: unknown, context: TranslationContext) => Translation | undefined>>();
pinned<Equals<DatabaseTranslator, (exception: unknown, context: { requestId: string }) => Translation | undefined>>();
pinned<Equals<ReturnType<typeof createDatabaseTranslator>, Promise<DatabaseTranslator>>>();
// The one way to get a database translator outside the filter.
pinned<Equals<Parameters<typeof createDatabaseTranslator>['length'], 0 | 1 | 2>>();

// Domain exceptions are framework-free Errors, with no plumbing on them.
pinned<Equals<Extract<keyof DomainError, 'apiError' | 'toErrorWithStatus'>, never>>();
pinned<Equals<Extract<keyof typeof DomainError, 'captureStackTraces'>, never>>();
pinned<Equals<Extract<keyof ContractValidationPipe, 'answers'>, never>>();
pinned<Equals<Extract<keyof ErrorRuntime, 'lastResortAnswer' | 'appTranslates'>, never>>();
pinned<
  Equals<
    Pick<DomainError, 'message' | 'field' | 'details'>,
    { message: string; readonly field: string | null; readonly details: Record<string, unknown> | null }
  >
>();
pinned<Equals<ConstructorParameters<typeof NotFoundError>[0], string>>();
pinned<Equals<ConstructorParameters<typeof DomainError>[0], ErrorCode>>();

// Fastify's frameworkErrors hook takes (error, request, reply).
pinned<Equals<Parameters<typeof fastifyFrameworkErrors>['length'], 3>>();

describe('the public API at run time', () => {
  it('exposes framework-free exceptions that are Errors, not HttpExceptions', () => {
    const error = new ConflictError('user', { field: 'email' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect('getStatus' in error).toBe(false);
    expect({ message: error.message, error_code: error.code.code, field: error.field, details: error.details }).toEqual(
      {
        message: 'The request conflicts with the current state of the user.',
        error_code: '4009',
        field: 'email',
        details: { resource: 'user' },
      },
    );
    expect(DomainErrors.collect().size).toBe(0);
  });

  it('builds the pipe and reaches the retry helper', () => {
    expect(new ContractValidationPipe()).toBeDefined();
    expect(typeof runTransactionWithRetry).toBe('function');
  });
});
