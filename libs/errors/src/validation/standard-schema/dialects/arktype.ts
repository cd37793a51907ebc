import { ErrorCode } from '../../../codes/error-code.js';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  EQUALS,
  GREATER_THAN,
  INVALID_VALUE,
  IS_DEFINED,
  IS_DIVISIBLE_BY,
  IS_EMAIL,
  IS_IN,
  IS_INT,
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

/** The keys of an arktype 2 issue (an `ArkError`) this dialect reads. */
interface ArkIssue {
  readonly code?: unknown;
  readonly message: string;
  readonly data?: unknown;
  readonly rule?: unknown;
  readonly exclusive?: unknown;
  readonly domain?: unknown;
  readonly proto?: unknown;
  readonly unit?: unknown;
  readonly expected?: unknown;
  readonly description?: unknown;
  readonly errors?: unknown;
  /** The `message` given where the issue was raised (`ctx.reject({ message })`). */
  readonly input?: { readonly message?: unknown };
  /** `.configure({ message, errorCode, rule })` on the schema. */
  readonly meta?: Record<string, unknown>;
}

// arktype's built-in keywords report their format in words: the words of the ones
// class-validator has a rule for.
const DESCRIBED_CODES: ReadonlyMap<string, ErrorCode> = new Map([
  ['an email address', IS_EMAIL],
  ['a URL string', IS_URL],
  ['a UUID', IS_UUID],
]);

/** arktype 2's issues (`ArkError`, keyed by `code`) -> codes. */
export const arktypeDialect: IssueDialect = (raw, codes) => {
  const issue = raw as ArkIssue;
  const authored = issue.input?.message !== undefined || issue.meta?.message !== undefined;
  const kind = (code: ErrorCode, details: Record<string, unknown> | null = null): IssueKind => ({
    code,
    details,
    authored,
  });
  const list = Array.isArray(issue.data);
  const rule = jsonValue(issue.rule);
  switch (issue.code) {
    case 'required':
      return kind(IS_DEFINED);
    case 'domain':
      return { code: typeCode(issue.domain), details: null, authored, typeMismatch: true };
    case 'proto':
      return {
        code: typeCode(typeof issue.proto === 'function' ? issue.proto.name : issue.proto),
        details: null,
        authored,
        typeMismatch: true,
      };
    case 'unit':
      return kind(EQUALS, { expected: jsonValue(issue.unit) });
    case 'union':
      return unionKind(issue, authored);
    case 'minLength':
      return list ? kind(ARRAY_MIN_SIZE, { min: rule }) : kind(MIN_LENGTH, { min: rule });
    case 'maxLength':
      return list ? kind(ARRAY_MAX_SIZE, { max: rule }) : kind(MAX_LENGTH, { max: rule });
    case 'exactLength':
      return list ? kind(ARRAY_MIN_SIZE, { min: rule }) : kind(LENGTH, { min: rule, max: rule });
    case 'min':
      return issue.exclusive === true ? kind(GREATER_THAN, { min: rule }) : kind(MIN, { min: rule });
    case 'max':
      return issue.exclusive === true ? kind(LESS_THAN, { max: rule }) : kind(MAX, { max: rule });
    case 'after':
      return kind(MIN_DATE, { min: isoDate(issue.rule) });
    case 'before':
      return kind(MAX_DATE, { max: isoDate(issue.rule) });
    case 'divisor':
      return issue.rule === 1 ? kind(IS_INT) : kind(IS_DIVISIBLE_BY, { divisor: rule });
    case 'pattern': {
      const described = describedCode(issue);
      if (described === IS_UUID) return kind(IS_UUID, { version: null });
      return described ? kind(described) : kind(MATCHES, { pattern: String(issue.rule) });
    }
    case 'predicate':
      // `"+": "reject"` reports each undeclared key as a predicate that expected it removed
      if (issue.expected === 'removed') return kind(UNKNOWN_PROPERTY);
      return kind(describedCode(issue) ?? refinementCode(issue, codes));
    default:
      return kind(INVALID_VALUE);
  }
};

/** A union of literals is an enum (`"admin" | "user"`); any other union is a mismatch. */
function unionKind(issue: ArkIssue, authored: boolean): IssueKind {
  const branches = Array.isArray(issue.errors) ? (issue.errors as ArkIssue[]) : [];
  if (branches.length > 0 && branches.every((branch) => branch.code === 'unit')) {
    return { code: IS_IN, details: { allowed: branches.map((branch) => jsonValue(branch.unit)) }, authored };
  }
  return { code: UNION_MISMATCH, details: null, authored };
}

function describedCode(issue: ArkIssue): ErrorCode | undefined {
  if (issue.meta?.format === 'uuid') return IS_UUID;
  return typeof issue.description === 'string' ? DESCRIBED_CODES.get(issue.description) : undefined;
}

/** `.narrow(...).configure({ errorCode })`, or `{ rule }` with the `codes` option. */
function refinementCode(issue: ArkIssue, codes: ReadonlyMap<string, ErrorCode> | undefined): ErrorCode {
  const meta = recordOrNull(issue.meta);
  if (isErrorCode(meta?.errorCode)) return meta.errorCode;
  return (typeof meta?.rule === 'string' ? codes?.get(meta.rule) : undefined) ?? INVALID_VALUE;
}
