import { ConfigurableModuleBuilder, LoggerService } from '@nestjs/common';
import { ErrorCode } from './codes/error-code.js';
import type { DatabaseErrorOptions } from './database/options.js';
import { ErrorTranslator } from './translators/translator.js';

export interface ErrorsModuleOptions {
  /** The app's own error codes (range 6000-9999). A code registered twice fails start-up. */
  codes?: readonly ErrorCode[];
  /** Extra translators, tried before the built-in ones (first that claims an error wins). */
  translators?: readonly ErrorTranslator[];
  /** Database error translation (TypeORM + PostgreSQL); `false` turns it off. */
  database?: DatabaseErrorOptions | false;
  /** Header that carries the request id in and out. Default `X-Request-Id`. */
  requestIdHeader?: string;
  /**
   * Whether successful responses carry the request id header too (default `true`). It
   * takes a hook that runs on every request; with `false`, only error responses carry
   * it (the client's sane id echoed, or a new one).
   */
  requestIdOnSuccess?: boolean;
  /**
   * Media types a route with a `@Body()` accepts; a body of another type gets 415.
   * Entries ending in `+json` style suffixes match any `type/subtype+suffix`.
   * Default `['application/json', '+json']`.
   */
  bodyMediaTypes?: readonly string[];
  /**
   * The checks on a request body, on routes with a `@Body()` (default `true`): media
   * type and charset (415), invalid UTF-8 (400, with the app's `rawBody: true`), an
   * empty JSON body (400). They run as a global guard, so Nest runs its guard step before
   * every handler; `false` leaves them out (an app behind a gateway that enforces them
   * already). Express then hands a `text/xml` body to a JSON route as an empty object.
   */
  bodyChecks?: boolean;
  /**
   * Who answers a request that matches no route (always a 404 ROUTE_NOT_FOUND).
   * `'library'` (default): the library, in place of Nest's not-found handler, without an
   * exception. `'exception-filters'`: Nest throws its NotFoundException and the exception
   * filters answer it, which costs a stack trace per request; choose it when a filter of
   * your own must see unknown routes.
   */
  unknownRoutes?: 'library' | 'exception-filters';
  /** Where 5xx errors and start-up reports are logged. Default: Nest's Logger. */
  logger?: LoggerService;
}

export const {
  ConfigurableModuleClass: ConfigurableErrorsModule,
  MODULE_OPTIONS_TOKEN: ERRORS_MODULE_OPTIONS,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ErrorsModuleOptions>({ moduleName: 'Errors' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createErrorsOptions')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

/** `ErrorsModule.forRootAsync({ imports, inject, useFactory, isGlobal })`. */
export type ErrorsModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;
