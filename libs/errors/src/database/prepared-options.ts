import { ErrorWithStatus } from '../contract/api-error.js';
import { DATABASE_CODES } from '../codes/database.codes.js';
import { ErrorCode } from '../codes/error-code.js';
import { DatabaseErrorFacts } from './kinds.js';
import { ConstraintRule, DatabaseErrorOptions } from './options.js';

/** What one translation says about the error before the rule and the app's messages apply. */
export interface DatabaseOccurrence {
  field: string | null;
  details: Record<string, unknown> | null;
  /** Values for the message's placeholders that are not in `details` (`{subject}`...). */
  params?: Record<string, unknown>;
}

/**
 * The translator's options as it reads them per error: the constraint registry and the
 * message overrides become maps and the defaults are resolved, once per translator, so
 * that a translation only looks things up.
 */
export class PreparedOptions {
  /** The `Retry-After` of 503 answers, in seconds. */
  readonly retryAfterSeconds: number;
  private readonly rules: ReadonlyMap<string, ConstraintRule>;
  private readonly messages: ReadonlyMap<string, string>;
  private readonly exposeAllValues: boolean;

  constructor(options: DatabaseErrorOptions) {
    this.rules = new Map(Object.entries(options.constraints ?? {}));
    this.messages = messageOverrides(options.messages ?? {});
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.exposeAllValues = options.exposeValues ?? false;
  }

  /** The registry's rule for the constraint the error names, if the app wrote one. */
  ruleFor(error: DatabaseErrorFacts): ConstraintRule | undefined {
    return error.constraint ? this.rules.get(error.constraint) : undefined;
  }

  /** Key values are data the client may not own: shown only when the app opted in. */
  exposesValues(rule: ConstraintRule | undefined): boolean {
    return this.exposeAllValues || rule?.exposeValues === true;
  }

  /** One error of `code`, with the rule's overrides (code, message, status, details) and the app's message. */
  emit(code: ErrorCode, occurrence: DatabaseOccurrence, rule?: ConstraintRule): ErrorWithStatus {
    const definition = rule?.code ?? code;
    const details = rule?.details ? { ...occurrence.details, ...rule.details } : occurrence.details;
    return definition.create({
      field: occurrence.field,
      details,
      params: occurrence.params,
      template: rule?.message ?? this.messages.get(definition.code),
      status: rule?.status,
    });
  }
}

/** `messages` keyed by code name or number -> templates keyed by code number. */
function messageOverrides(messages: Readonly<Record<string, string>>): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const [key, template] of Object.entries(messages)) {
    const definition = DATABASE_CODES.find((code) => code.code === key || code.name === key);
    if (!definition) {
      // A misspelt key would silently keep the default message: fail at start-up instead.
      throw new Error(
        `Database error option messages.${key} names no database code. Use a code name or number: ${DATABASE_CODES.map((code) => code.name).join(', ')}.`,
      );
    }
    overrides.set(definition.code, template);
  }
  return overrides;
}
