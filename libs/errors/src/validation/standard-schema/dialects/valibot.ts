import { ErrorCode } from '../../../codes/error-code.js';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  CONTAINS,
  EQUALS,
  GREATER_THAN,
  INVALID_VALUE,
  IS_BASE64,
  IS_DEFINED,
  IS_DIVISIBLE_BY,
  IS_EMAIL,
  IS_HEX_COLOR,
  IS_IN,
  IS_INT,
  IS_IP,
  IS_ISO8601,
  IS_NOT_EMPTY,
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
import { IssueDialect, IssueKind, jsonValue } from '../issue.js';
import { typeCode } from '../type-codes.js';

/** The keys of a valibot 1 issue this dialect reads (`BaseIssue`). */
interface ValibotIssue {
  readonly kind?: unknown;
  readonly type?: unknown;
  readonly input?: unknown;
  readonly expected?: unknown;
  readonly received?: unknown;
  readonly message: string;
  readonly requirement?: unknown;
  readonly path?: readonly { readonly origin?: unknown; readonly key: PropertyKey }[];
}

const OBJECT_SCHEMAS = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest']);

const ACTION_CODES: ReadonlyMap<string, ErrorCode> = new Map([
  ['email', IS_EMAIL],
  ['rfc_email', IS_EMAIL],
  ['url', IS_URL],
  ['integer', IS_INT],
  ['safe_integer', IS_INT],
  ['iso_date', IS_ISO8601],
  ['iso_date_time', IS_ISO8601],
  ['iso_date_time_second', IS_ISO8601],
  ['iso_time', IS_ISO8601],
  ['iso_time_second', IS_ISO8601],
  ['iso_timestamp', IS_ISO8601],
  ['hex_color', IS_HEX_COLOR],
  ['base64', IS_BASE64],
  ['non_empty', IS_NOT_EMPTY],
]);

/** valibot 1's issues (schemas, validation actions, transformations) -> codes. */
export const valibotDialect: IssueDialect = (raw, codes) => {
  const issue = raw as ValibotIssue;
  const authored = !isValibotDefaultMessage(issue);
  const type = typeof issue.type === 'string' ? issue.type : '';
  const kind = (code: ErrorCode, details: Record<string, unknown> | null = null): IssueKind => ({
    code,
    details,
    authored,
  });
  if (issue.kind === 'schema') {
    const origin = issue.path?.[issue.path.length - 1]?.origin;
    if (origin === 'key' && OBJECT_SCHEMAS.has(type)) {
      // A required key that is absent, or (strict objects) a key the schema does not declare
      return issue.received === 'undefined' ? kind(IS_DEFINED) : kind(UNKNOWN_PROPERTY);
    }
    if (issue.received === 'undefined' && issue.input === undefined) return kind(IS_DEFINED);
    switch (type) {
      case 'picklist':
      case 'enum':
        return choices(issue, authored, false);
      case 'literal':
        return choices(issue, authored, true);
      case 'union':
      case 'variant':
        return kind(UNION_MISMATCH);
      default:
        return { code: typeCode(type), details: null, authored, typeMismatch: true };
    }
  }
  if (issue.kind === 'validation') return validationKind(issue, type, authored, codes);
  // transformations (`rawTransform` adding an issue, `toNumber` failing) and the unknown
  return kind(INVALID_VALUE);
};

function validationKind(
  issue: ValibotIssue,
  type: string,
  authored: boolean,
  codes: ReadonlyMap<string, ErrorCode> | undefined,
): IssueKind {
  const requirement = issue.requirement;
  const list = Array.isArray(issue.input);
  const value = jsonValue(requirement);
  switch (type) {
    case 'min_length':
      return { code: list ? ARRAY_MIN_SIZE : MIN_LENGTH, details: { min: value }, authored };
    case 'max_length':
      return { code: list ? ARRAY_MAX_SIZE : MAX_LENGTH, details: { max: value }, authored };
    case 'length':
      return list
        ? { code: ARRAY_MIN_SIZE, details: { min: value }, authored }
        : { code: LENGTH, details: { min: value, max: value }, authored };
    case 'min_value':
      return requirement instanceof Date
        ? { code: MIN_DATE, details: { min: requirement.toISOString() }, authored }
        : { code: MIN, details: { min: value }, authored };
    case 'max_value':
      return requirement instanceof Date
        ? { code: MAX_DATE, details: { max: requirement.toISOString() }, authored }
        : { code: MAX, details: { max: value }, authored };
    case 'gt_value':
      return { code: GREATER_THAN, details: { min: value }, authored };
    case 'lt_value':
      return { code: LESS_THAN, details: { max: value }, authored };
    case 'multiple_of':
      return { code: IS_DIVISIBLE_BY, details: { divisor: value }, authored };
    case 'uuid':
      return { code: IS_UUID, details: { version: null }, authored };
    case 'ip':
      return { code: IS_IP, details: { version: null }, authored };
    case 'regex':
      return {
        code: MATCHES,
        details: { pattern: requirement instanceof RegExp ? requirement.source : String(requirement) },
        authored,
      };
    case 'includes':
      return { code: CONTAINS, details: { substring: value }, authored };
    case 'value':
      return { code: EQUALS, details: { expected: value }, authored };
    case 'values':
      return {
        code: IS_IN,
        details: { allowed: Array.isArray(requirement) ? requirement.map(jsonValue) : [] },
        authored,
      };
    default: {
      // `check`, `rawCheck`, `partialCheck` and custom actions: a custom action's `type`
      // names the rule for the `codes` option
      const code = ACTION_CODES.get(type) ?? codes?.get(type) ?? INVALID_VALUE;
      return { code, details: null, authored };
    }
  }
}

/**
 * valibot writes a picklist's or a literal's options only into `expected`, as
 * `("a" | "b")`: they are read back from there when every option is a JSON value.
 */
function choices(issue: ValibotIssue, authored: boolean, single: boolean): IssueKind {
  const text = typeof issue.expected === 'string' ? issue.expected : '';
  const inner = text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
  const values: unknown[] = [];
  for (const part of inner.split(' | ')) {
    try {
      values.push(JSON.parse(part));
    } catch {
      return { code: INVALID_VALUE, details: null, authored };
    }
  }
  return single && values.length === 1
    ? { code: EQUALS, details: { expected: values[0] }, authored }
    : { code: IS_IN, details: { allowed: values }, authored };
}

/** valibot's own text is `Invalid <label>: [Expected <expected> but r|R]eceived <received>`: anything else was written. */
function isValibotDefaultMessage(issue: ValibotIssue): boolean {
  const { message, expected, received } = issue;
  if (!message.startsWith('Invalid ')) return false;
  const ending = expected
    ? `: Expected ${String(expected)} but received ${String(received)}`
    : `: Received ${String(received)}`;
  return message.endsWith(ending);
}
