// The public API of nest-error-contract (the root entry point). Every name is listed
// explicitly: what is not here is private and may change in any release. What needs
// TypeORM lives in `nest-error-contract/typeorm` (src/database/index.ts). The committed
// report docs/api/*.api.md lists this surface; a test fails when it changes unseen.

// The module and the filter it installs
export { ErrorsModule } from './errors.module.js';
export type {
  ErrorResponseFormat,
  ErrorsModuleAsyncOptions,
  ErrorsModuleOptions,
  HeaderLimitsOptions,
} from './errors.options.js';
export { ErrorContractFilter } from './filter/error-contract.filter.js';
export { fastifyFrameworkErrors } from './transports/http/fastify-framework-errors.js';
export { requestIdGenerator } from './transports/http/request-id.js';

// The one runtime ErrorsModule builds at start-up (`app.get(ErrorRuntime)`): what every
// transport, the OpenAPI documenter and integrations answer and report through
export { ErrorRuntime } from './runtime/error-runtime.js';
export type { RequestFacts } from './runtime/error-runtime.js';
export type { ErrorsSettings } from './errors.settings.js';
export type { ServerErrorEvent } from './runtime/server-error-log.js';
export type { ErrorAnswer } from './response/error-answer.js';
export type { RequestHeaders } from './negotiation/error-responder.js';
export type { ErrorTransport } from './transports/transport.js';
export { answerError } from './response/answer-error.js';

// The wire contract, and its RFC 9457 form (`format` option, `Accept: application/problem+json`)
export type { ApiError } from './contract/api-error.js';
export type { ProblemDetails } from './problem/problem-details.js';

// Messages in other languages (`messages` and `defaultLocale` options, `Accept-Language`)
export type { LocaleMessages, LocalizedMessage, PluralMessage } from './locales/locale-messages.js';
export { findTranslationProblems } from './locales/translation-problems.js';

// Error codes: defining the app's own, and the built-in ones by category
export { defineErrorCode } from './codes/error-code.js';
export type { ErrorCode, ErrorCodeDocs, ErrorOccurrence } from './codes/error-code.js';
export { ErrorCodeRegistry, ErrorCodeRegistrationError } from './codes/registry.js';
export type { CodeOwner } from './codes/registry.js';
export type { CodeCategory } from './codes/error-code.js';
export { DatabaseCodes, DomainCodes, RequestCodes, ServerCodes, ValidationCodes } from './codes/categories.js';

// Domain exceptions that services throw (framework-free)
export {
  ConflictError,
  DomainError,
  DomainErrors,
  ErrorCollector,
  InvalidInputError,
  NotFoundError,
} from './exceptions/domain-error.js';
export type { DomainErrorOptions, ResourceErrorOptions } from './exceptions/domain-error.js';

// Validation: the pipe, its exception, and parse pipes that name their parameter
export { ContractValidationPipe } from './validation/validation.pipe.js';
export type { ContractValidationPipeOptions } from './validation/validation.pipe.js';
export type { DetailsFromArguments, RuleCode } from './validation/rule-codes.js';
export { ValidationFailedException } from './validation/validation-failed.exception.js';
export { flattenValidationErrors } from './validation/flatten.js';
export type { FlattenOptions } from './validation/flatten.js';
// Named apart from @nestjs/common's own pipes, so an editor's auto-import cannot pick the wrong one
export {
  ContractParseArrayPipe,
  ContractParseBoolPipe,
  ContractParseDatePipe,
  ContractParseEnumPipe,
  ContractParseFloatPipe,
  ContractParseIntPipe,
  ContractParseUUIDPipe,
} from './validation/parse-pipes.js';

// Validation against a Standard Schema (zod, valibot, arktype): `@Body({ schema })` with this pipe
export { ContractStandardSchemaPipe, standardSchemaIssuesToErrors } from './validation/standard-schema/index.js';
export type {
  StandardSchemaErrorsOptions,
  StandardSchemaIssue,
  StandardSchemaPipeOptions,
} from './validation/standard-schema/index.js';

// Declaring the codes a route answers with, for the OpenAPI document (`nest-error-contract/swagger`)
export { ErrorResponses } from './declared-errors/error-responses.decorator.js';
export type {
  CollectedErrors,
  ConstraintReference,
  DeclaredError,
  EntityReference,
  ErrorResponseEntry,
} from './declared-errors/error-responses.decorator.js';

// Extension point: an app's own translators (`forRoot({ translators })`)
export type { ErrorWithStatus } from './contract/api-error.js';
export type { ErrorTranslator, Translation, TranslationContext } from './translators/translator.js';
