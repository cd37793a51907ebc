import { ErrorWithStatus } from '../contract/api-error.js';
import { LocalizableError } from '../contract/localizable-error.js';
import { asSentence, compileTemplate, messageLookup } from '../contract/message.js';

/**
 * Codes live in ranges by category; the registry refuses a code outside its owner's
 * ranges, so a glance at a code tells where it comes from.
 */
export const CODE_RANGES = {
  request: { from: 1000, to: 1999, title: 'Request and HTTP' },
  validation: { from: 2000, to: 2999, title: 'Validation' },
  database: { from: 3000, to: 3999, title: 'Database' },
  domain: { from: 4000, to: 4999, title: 'Domain' },
  server: { from: 5000, to: 5999, title: 'Server' },
  application: { from: 6000, to: 9999, title: 'Application' },
} as const;

export type CodeCategory = keyof typeof CODE_RANGES;

/** Documentation that goes into the catalogue next to a code. */
export interface ErrorCodeDocs {
  /** The shape of `details`, as TypeScript-ish text: `{ min: number }`. Defaults to `null`. */
  details?: string;
  /** When the code is used, if the name and message do not say it already. */
  description?: string;
}

/** What a thrower or translator may set when it raises one occurrence of a code. */
export interface ErrorOccurrence {
  field?: string | null;
  details?: Record<string, unknown> | null;
  /**
   * The message for this occurrence, used as written (only made a sentence). It is never
   * treated as a template, so text that came from a client cannot expand placeholders.
   */
  message?: string;
  /** An app-authored template replacing the code's for this occurrence (`'{subject} is taken.'`). */
  template?: string;
  /** Values for `{placeholders}` in the template that are not part of `details`. */
  params?: Record<string, unknown>;
  /** Overrides the code's default status for this occurrence. */
  status?: number;
}

/** One stable error code: number, constant name, default status, message template, docs. */
export interface ErrorCode {
  readonly code: string;
  readonly name: string;
  readonly status: number;
  readonly message: string;
  readonly details: string;
  readonly description: string | undefined;
  /** Builds one contract object (with its status) for an occurrence of this code. */
  create(occurrence?: ErrorOccurrence): ErrorWithStatus;
}

/**
 * Defines a code in one line, in the spirit of `@fastify/error`:
 *
 *     export const USER_NOT_FOUND = defineErrorCode('6001', 'USER_NOT_FOUND', 404, 'No user has the id {id}.');
 *
 * The message is a template: `{name}` placeholders are filled from the occurrence's
 * `params`, then its `details`, then `{field}`. Values are inserted once and never
 * re-read as a template.
 */
export function defineErrorCode(
  code: string,
  name: string,
  status: number,
  message: string,
  docs: ErrorCodeDocs = {},
): ErrorCode {
  if (!/^\d{4}$/u.test(code)) {
    throw new Error(`Error code "${code}" (${name}) must be exactly four digits.`);
  }
  if (!/^[A-Z][A-Z0-9_]*$/u.test(name)) {
    throw new Error(`Error code ${code} has the name "${name}"; names are UPPER_SNAKE_CASE constants.`);
  }
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new Error(`Error code ${code} (${name}) has status ${status}; codes describe 4xx or 5xx errors.`);
  }
  const fill = compileTemplate(message);
  const fixedSentence = message.includes('{') ? undefined : asSentence(message);
  // A template that starts with a capital letter and ends with a period stays a
  // sentence whatever is filled in between: no need to check it per error.
  const alwaysSentence = /^[A-Z][^]*\.$/u.test(message) && message.trim() === message;
  const definition: ErrorCode = {
    code,
    name,
    status,
    message,
    details: docs.details ?? 'null',
    description: docs.description,
    create(occurrence: ErrorOccurrence = {}): ErrorWithStatus {
      const details = occurrence.details ?? null;
      const field = occurrence.field ?? null;
      const { params } = occurrence;
      const lookup = messageLookup(params, details, field);
      let text: string;
      if (occurrence.message !== undefined) text = asSentence(occurrence.message);
      else if (occurrence.template !== undefined) text = asSentence(compileTemplate(occurrence.template)(lookup));
      else text = fixedSentence ?? (alwaysSentence ? fill(lookup) : asSentence(fill(lookup)));
      // Only the code's own template can be rendered again in another locale: a message or
      // template written for this occurrence stays as written.
      const fromCode = occurrence.message === undefined && occurrence.template === undefined;
      return new LocalizableError(
        occurrence.status ?? status,
        { message: text, error_code: code, field, details },
        fromCode ? (params ? { params } : LocalizableError.NO_ARGUMENTS) : undefined,
      );
    },
  };
  return Object.freeze(definition);
}

/** The category a code's number falls in, or undefined when it is in no range. */
export function categoryOf(code: string): CodeCategory | undefined {
  const value = Number(code);
  for (const [category, range] of Object.entries(CODE_RANGES)) {
    if (value >= range.from && value <= range.to) return category as CodeCategory;
  }
  return undefined;
}
