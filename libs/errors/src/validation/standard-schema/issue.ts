import { ErrorCode } from '../../codes/error-code.js';

/**
 * One issue of a failed Standard Schema validation, as the spec defines it
 * (`StandardSchemaV1.Issue`, https://standardschema.dev): a message and a path. Schema
 * libraries add their own keys (zod's `code`, valibot's `type`, arktype's `code`), which
 * the dialects read. Declared here so the package depends on no schema library.
 */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** What a dialect reads out of one issue: the code, its `details`, and whose words the message is. */
export interface IssueKind {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | null;
  /** The schema author wrote the message: it is kept as written, in every locale. */
  readonly authored: boolean;
  /** The issue is about the value's type: a missing value answers IS_DEFINED instead. */
  readonly typeMismatch?: boolean;
  /** Values for the code's `{placeholders}` that are not part of `details` (an app's refinement). */
  readonly params?: Record<string, unknown>;
  /** Keys the issue names under its path (zod's unrecognized keys): one error per key. */
  readonly keys?: readonly string[];
}

/** Codes the app attaches to its own refinements, by rule name (see StandardSchemaOptions.codes). */
export type RefinementCodes = ReadonlyMap<string, ErrorCode>;

/**
 * One schema library's issues -> their kind. A dialect never throws on an issue it does
 * not know: it answers the generic INVALID_VALUE.
 */
export type IssueDialect = (issue: StandardSchemaIssue, codes: RefinementCodes | undefined) => IssueKind;

/** An ErrorCode as an app passes it (in a zod refinement's params, an arktype meta). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorCode).code === 'string' &&
    typeof (value as ErrorCode).create === 'function'
  );
}

/** A schema's own value (an enum member, a literal) as JSON can carry it in `details`. */
export function jsonValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return String(value);
}

/** A plain record or undefined: `details` an app attached to a refinement. */
export function recordOrNull(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A date bound (a Date, or zod's milliseconds) as ISO 8601, as `MIN_DATE`/`MAX_DATE` promise. */
export function isoDate(value: unknown): string | null {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
