import { ErrorCode } from '../../../codes/error-code.js';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  CONTAINS,
  EQUALS,
  GREATER_THAN,
  INVALID_VALUE,
  IS_BASE64,
  IS_DIVISIBLE_BY,
  IS_EMAIL,
  IS_IN,
  IS_IP,
  IS_ISO8601,
  IS_JWT,
  IS_LOWERCASE,
  IS_UPPERCASE,
  IS_URL,
  IS_UUID,
  LENGTH,
  LESS_THAN,
  MATCHES,
  MAX,
  MAX_DATE,
  MAX_LENGTH,
  MIN,
  MIN_DATE,
  MIN_LENGTH,
  UNION_MISMATCH,
  UNKNOWN_PROPERTY,
} from '../../../codes/validation.codes.js';
import { IssueDialect, IssueKind, isErrorCode, isoDate, jsonValue, recordOrNull } from '../issue.js';
import { typeCode } from '../type-codes.js';

/** The keys of a zod 4 issue this dialect reads (`$ZodIssue`, after zod finalised it). */
interface ZodIssue {
  readonly code?: string;
  readonly message: string;
  readonly expected?: unknown;
  readonly origin?: unknown;
  readonly format?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly inclusive?: unknown;
  readonly exact?: unknown;
  readonly values?: unknown;
  readonly divisor?: unknown;
  readonly keys?: unknown;
  readonly pattern?: unknown;
  readonly includes?: unknown;
  readonly params?: unknown;
}

const FORMAT_CODES: ReadonlyMap<string, ErrorCode> = new Map([
  ['email', IS_EMAIL],
  ['url', IS_URL],
  ['uuid', IS_UUID],
  ['guid', IS_UUID],
  ['datetime', IS_ISO8601],
  ['date', IS_ISO8601],
  ['time', IS_ISO8601],
  ['duration', IS_ISO8601],
  ['ipv4', IS_IP],
  ['ipv6', IS_IP],
  ['base64', IS_BASE64],
  ['jwt', IS_JWT],
  ['lowercase', IS_LOWERCASE],
  ['uppercase', IS_UPPERCASE],
]);

/** zod 4's issues -> codes. Sizes read the issue's `origin` (string, array, number, date). */
export const zodDialect: IssueDialect = (raw, codes) => {
  const issue = raw as ZodIssue;
  const authored = !isZodDefaultMessage(issue);
  const kind = (code: ErrorCode, details: Record<string, unknown> | null = null): IssueKind => ({
    code,
    details,
    authored,
  });
  switch (issue.code) {
    case 'invalid_type':
      return { code: typeCode(issue.expected), details: null, authored, typeMismatch: true };
    case 'invalid_value': {
      const values = Array.isArray(issue.values) ? issue.values.map(jsonValue) : [];
      return values.length === 1 ? kind(EQUALS, { expected: values[0] }) : kind(IS_IN, { allowed: values });
    }
    case 'too_small':
      return lowerBound(issue, authored);
    case 'too_big':
      return upperBound(issue, authored);
    case 'invalid_format':
      return formatKind(issue, authored);
    case 'not_multiple_of':
      return kind(IS_DIVISIBLE_BY, { divisor: jsonValue(issue.divisor) });
    case 'unrecognized_keys':
      return {
        code: UNKNOWN_PROPERTY,
        details: null,
        authored,
        keys: Array.isArray(issue.keys) ? issue.keys.map(String) : [],
      };
    case 'invalid_union':
      return kind(UNION_MISMATCH);
    case 'custom':
      return refinementKind(issue, authored, codes);
    default:
      // invalid_key, invalid_element and whatever later versions add
      return kind(INVALID_VALUE);
  }
};

function lowerBound(issue: ZodIssue, authored: boolean): IssueKind {
  const min = jsonValue(issue.minimum);
  switch (issue.origin) {
    case 'string':
      return issue.exact
        ? { code: LENGTH, details: { min, max: min }, authored }
        : { code: MIN_LENGTH, details: { min }, authored };
    case 'array':
    case 'set':
      return { code: ARRAY_MIN_SIZE, details: { min }, authored };
    case 'date':
      return { code: MIN_DATE, details: { min: isoDate(issue.minimum) }, authored };
    default:
      return { code: issue.inclusive === false ? GREATER_THAN : MIN, details: { min }, authored };
  }
}

function upperBound(issue: ZodIssue, authored: boolean): IssueKind {
  const max = jsonValue(issue.maximum);
  switch (issue.origin) {
    case 'string':
      return issue.exact
        ? { code: LENGTH, details: { min: max, max }, authored }
        : { code: MAX_LENGTH, details: { max }, authored };
    case 'array':
    case 'set':
      return { code: ARRAY_MAX_SIZE, details: { max }, authored };
    case 'date':
      return { code: MAX_DATE, details: { max: isoDate(issue.maximum) }, authored };
    default:
      return { code: issue.inclusive === false ? LESS_THAN : MAX, details: { max }, authored };
  }
}

function formatKind(issue: ZodIssue, authored: boolean): IssueKind {
  const format = typeof issue.format === 'string' ? issue.format : '';
  if (format === 'regex') return { code: MATCHES, details: { pattern: patternSource(issue.pattern) }, authored };
  if (format === 'includes') return { code: CONTAINS, details: { substring: jsonValue(issue.includes) }, authored };
  const code = FORMAT_CODES.get(format) ?? INVALID_VALUE;
  if (code === IS_UUID) return { code, details: { version: null }, authored };
  if (code === IS_IP) return { code, details: { version: format === 'ipv4' ? 4 : 6 }, authored };
  return { code, details: null, authored };
}

/**
 * `.refine(check, { params: { errorCode, details, params } })` (an occurrence of the app's
 * code: its `details` and the values of its template's other placeholders), or
 * `params: { rule }` with the `codes` option.
 */
function refinementKind(issue: ZodIssue, authored: boolean, codes: ReadonlyMap<string, ErrorCode> | undefined) {
  const params = recordOrNull(issue.params);
  const attached = params?.errorCode;
  const named = typeof params?.rule === 'string' ? codes?.get(params.rule) : undefined;
  const code = isErrorCode(attached) ? attached : (named ?? INVALID_VALUE);
  if (code === INVALID_VALUE) return { code, details: null, authored };
  const values = recordOrNull(params?.params);
  return { code, details: recordOrNull(params?.details), authored, ...(values ? { params: values } : {}) };
}

/** zod writes a regex check's pattern as the RegExp's text (`/^a+$/u`); `details` carries its source. */
function patternSource(pattern: unknown): string {
  const text = String(pattern);
  const match = /^\/(.*)\/[a-z]*$/su.exec(text);
  return match ? match[1] : text;
}

/**
 * True when the message is zod's own English default for the issue's code (its `en`
 * locale): such a message is replaced by the catalogue's, in the client's language. Any
 * other text was written by the schema's author (`z.string().min(3, 'Too short')`, an
 * `error` map) and is kept. zod does not mark which is which on a finished issue, so
 * each code's default is recognised by its fixed opening words.
 */
function isZodDefaultMessage(issue: ZodIssue): boolean {
  const message = issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return message.startsWith('Invalid input: expected ');
    case 'invalid_value':
      return message.startsWith('Invalid input: expected ') || message.startsWith('Invalid option: expected one of ');
    case 'too_small':
      return message.startsWith('Too small: expected ');
    case 'too_big':
      return message.startsWith('Too big: expected ');
    case 'invalid_format':
      return message.startsWith('Invalid string: must ') || /^Invalid [\w .-]+$/u.test(message);
    case 'not_multiple_of':
      return message.startsWith('Invalid number: must be a multiple of ');
    case 'unrecognized_keys':
      return message.startsWith('Unrecognized key');
    case 'invalid_key':
      return message.startsWith('Invalid key in ');
    case 'invalid_element':
      return message.startsWith('Invalid value in ');
    case 'invalid_union':
      return (
        message === 'Invalid input' ||
        message.startsWith('Invalid discriminator value. Expected ') ||
        message === 'Invalid input: more than one option matched'
      );
    default:
      return message === 'Invalid input';
  }
}
