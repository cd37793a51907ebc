import { ConfigurableModuleAsyncOptions, ConfigurableModuleBuilder, LoggerService } from '@nestjs/common';
import { ErrorCode } from './codes/error-code.js';
import type { DatabaseErrorOptions } from './database/options.js';
import type { LocaleMessages } from './locales/locale-messages.js';
import { ErrorTranslator } from './translators/translator.js';

/**
 * The body of error responses: the contract array, an RFC 9457 Problem Details object
 * (`application/problem+json`, the array in its `errors` member), or whichever the
 * request's `Accept` prefers.
 */
export type ErrorResponseFormat = 'array' | 'problem+json' | 'negotiate';

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
   * Default `['application/json']`: add `'+json'` once both adapters' parsers read those
   * types (Express: `useBodyParser('json', { type: ['application/json', 'application/*+json'] })`).
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
  /**
   * `'negotiate'` (default): Problem Details for a request whose `Accept` prefers
   * `application/problem+json` to `application/json`, the array otherwise.
   * `'problem+json'`: always Problem Details. `'array'`: always the array.
   */
  format?: ErrorResponseFormat;
  /**
   * Serves the catalogue of every registered code (the library's and the app's) at this
   * path, outside the global prefix: `GET /errors` lists them (HTML for a browser, JSON for
   * `Accept: application/json`), `GET /errors/2056` shows one (name, status, message in
   * each locale, `details` shape, the routes that answer it); a code the app does not
   * register answers 404 `ERROR_CODE_NOT_FOUND`. Problem Details `type` URIs then point
   * there. Off by default.
   */
  catalogue?: { path: string } | false;
  /**
   * Problem Details `type` is this base followed by the code (`https://example.com/errors/`
   * gives `https://example.com/errors/2056`). Default: the served catalogue's path when
   * `catalogue` is on (`/errors/2056`, a URI reference relative to the API's own origin),
   * `about:blank` otherwise.
   */
  problemTypeBase?: string;
  /** The language of a request that asks for none the app has (`Accept-Language`). Default `en`. */
  defaultLocale?: string;
  /**
   * Messages by locale tag, merged over the built-in English and German: a new locale,
   * or any code's message overridden (`{ de: { codes: { '6001': 'Kein Benutzer hat die ID {id}.' } } }`).
   */
  messages?: Readonly<Record<string, LocaleMessages>>;
  /**
   * How much of the `Accept` and `Accept-Language` headers is read to negotiate an error
   * answer, so that a header of any size costs a bounded amount of work. Past a limit the
   * rest of the header is ignored, as a malformed range is: the answer is still given, in
   * the default language or as the array. `maxLength`: characters read from the start
   * (default 1024); `maxRanges`: comma-separated ranges read (default 32); `maxSubtags`
   * (`Accept-Language` only): a language range with more subtags is skipped (default 8;
   * `de-CH-1996` has 3). Each limit given must be a positive integer, or start-up fails.
   * The work per header grows with the limits: the bound holds as far as the values set here.
   */
  headerLimits?: HeaderLimitsOptions;
  /**
   * `maxErrors`: at most this many objects in the answer of a `DomainErrors` (default
   * 100, as the validation pipe's `maxErrors`); past it the last object is
   * `TOO_MANY_ERRORS` counting the rest, and `DomainErrors.collect()` keeps no more
   * (`collector.full` lets a loop stop). An integer of at least 2, or start-up fails: the
   * answer keeps at least one error, whose status it takes. DomainErrors is built by
   * services that know no module, so the cap is the process's (`DomainErrors.maxErrors`,
   * read-only), set when ErrorsModule starts: with two apps in one process, the one that
   * started last sets it for both.
   */
  domainErrors?: { maxErrors?: number };
}

/** The `headerLimits` option: what an app may set of each header's limits (see there). */
export interface HeaderLimitsOptions {
  accept?: { maxLength?: number; maxRanges?: number };
  acceptLanguage?: { maxLength?: number; maxRanges?: number; maxSubtags?: number };
}

export const { ConfigurableModuleClass: ConfigurableErrorsModule, MODULE_OPTIONS_TOKEN: ERRORS_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<ErrorsModuleOptions>({ moduleName: 'Errors' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createErrorsOptions')
    .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
    .build();

/** `ErrorsModule.forRootAsync({ imports, inject, useFactory, isGlobal })`. */
export interface ErrorsModuleAsyncOptions extends ConfigurableModuleAsyncOptions<
  ErrorsModuleOptions,
  'createErrorsOptions'
> {
  /** Registers the module globally (the default). */
  isGlobal?: boolean;
}
