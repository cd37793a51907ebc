import { Logger, LoggerService } from '@nestjs/common';
import { ErrorCode } from './codes/error-code.js';
import type { DatabaseErrorOptions } from './database/options.js';
import type { ErrorsModuleOptions } from './errors.options.js';
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
}

export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';
export const DEFAULT_BODY_MEDIA_TYPES: readonly string[] = ['application/json', '+json'];

/** Injection token of the resolved settings (module-private). */
export const ERRORS_SETTINGS = Symbol('ERRORS_SETTINGS');

export function resolveSettings(options: ErrorsModuleOptions = {}): ErrorsSettings {
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
  });
}
