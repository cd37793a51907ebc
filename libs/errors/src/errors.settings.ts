import { Logger, LoggerService } from '@nestjs/common';
import { cataloguePath } from './catalogue/catalogue-routes.js';
import { ErrorCode } from './codes/error-code.js';
import type { DatabaseErrorOptions } from './database/options.js';
import type { ErrorResponseFormat, ErrorsModuleOptions } from './errors.options.js';
import { SOURCE_LOCALE, canonicalTag } from './locales/locale-catalogues.js';
import { DEFAULT_MAX_DOMAIN_ERRORS } from './exceptions/domain-error.js';
import { resolveHeaderLimits } from './negotiation/header-limits.js';
import type { LocaleMessages } from './locales/locale-messages.js';
import { ErrorTranslator } from './translators/translator.js';

/** The module's options with every default applied: the one place defaults live. */
export interface ErrorsSettings {
  readonly codes: readonly ErrorCode[];
  readonly translators: readonly ErrorTranslator[];
  readonly database: DatabaseErrorOptions | false;
  /** Lower-cased, as Node and Fastify keep header names. */
  readonly requestIdHeader: string;
  readonly requestIdOnSuccess: boolean;
  readonly bodyMediaTypes: readonly string[];
  readonly bodyChecks: boolean;
  readonly unknownRoutes: 'library' | 'exception-filters';
  readonly logger: LoggerService;
  readonly format: ErrorResponseFormat;
  /** The served catalogue's path (`/errors`, normalised), or false. */
  readonly catalogue: { readonly path: string } | false;
  /** Base of Problem Details `type` URIs; null: `about:blank`. */
  readonly problemTypeBase: string | null;
  /** Canonical BCP 47 tag. */
  readonly defaultLocale: string;
  readonly messages: Readonly<Record<string, LocaleMessages>>;
  /** The defaults with the app's `headerLimits` over them, each a positive integer. */
  readonly headerLimits: {
    readonly accept: { readonly maxLength: number; readonly maxRanges: number };
    readonly acceptLanguage: { readonly maxLength: number; readonly maxRanges: number; readonly maxSubtags: number };
  };
  /** The cap of DomainErrors answers, applied to `DomainErrors.maxErrors` when the runtime is built. */
  readonly domainErrors: { readonly maxErrors: number };
}

export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';
// `+json` types (application/merge-patch+json...) are not named by default: neither
// adapter's JSON parser reads them unless the app configures it to, and a 415 must not
// list as accepted what the app would then not parse.
const DEFAULT_BODY_MEDIA_TYPES: readonly string[] = ['application/json'];
const FORMATS: readonly ErrorResponseFormat[] = ['negotiate', 'array', 'problem+json'];

/** Injection token of the resolved settings (module-private). */
export const ERRORS_SETTINGS = Symbol('ERRORS_SETTINGS');

export function resolveSettings(options: ErrorsModuleOptions = {}): ErrorsSettings {
  const catalogue = options.catalogue ? { path: cataloguePath(options.catalogue.path) } : false;
  return Object.freeze({
    codes: options.codes ?? [],
    translators: options.translators ?? [],
    database: options.database ?? {},
    requestIdHeader: (options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER).toLowerCase(),
    requestIdOnSuccess: options.requestIdOnSuccess ?? true,
    bodyMediaTypes: options.bodyMediaTypes ?? DEFAULT_BODY_MEDIA_TYPES,
    bodyChecks: options.bodyChecks ?? true,
    unknownRoutes: options.unknownRoutes ?? 'library',
    logger: options.logger ?? new Logger('ErrorContract'),
    format: formatOf(options.format),
    catalogue,
    problemTypeBase: options.problemTypeBase ?? (catalogue ? `${catalogue.path}/` : null),
    defaultLocale: canonicalTag(options.defaultLocale ?? SOURCE_LOCALE),
    messages: options.messages ?? {},
    headerLimits: resolveHeaderLimits(options.headerLimits),
    domainErrors: domainErrorsOf(options.domainErrors),
  });
}

function domainErrorsOf(option: ErrorsModuleOptions['domainErrors']): ErrorsSettings['domainErrors'] {
  for (const name of Object.keys(option ?? {})) {
    if (name !== 'maxErrors') throw new Error(`ErrorsModule option domainErrors has no "${name}"; use maxErrors.`);
  }
  return Object.freeze({ maxErrors: maxDomainErrorsOf(option?.maxErrors) });
}

function maxDomainErrorsOf(max: unknown): number {
  if (max === undefined) return DEFAULT_MAX_DOMAIN_ERRORS;
  // One error kept at least: the answer takes its status (TOO_MANY_ERRORS alone would be a bare 400).
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 2) {
    const shown = typeof max === 'string' ? JSON.stringify(max) : String(max);
    throw new Error(`ErrorsModule option domainErrors.maxErrors is ${shown}; use an integer of at least 2.`);
  }
  return max;
}

function formatOf(format: ErrorResponseFormat | undefined): ErrorResponseFormat {
  if (format === undefined) return 'negotiate';
  if (!FORMATS.includes(format)) {
    throw new Error(`ErrorsModule option format is "${String(format)}"; use one of ${FORMATS.join(', ')}.`);
  }
  return format;
}
