import { ErrorWithStatus } from '../../contract/api-error.js';
import { LocalizableError } from '../../contract/localizable-error.js';
import { asSentence } from '../../contract/message.js';
import { ErrorCode } from '../../codes/error-code.js';
import {
  BODY_NOT_OBJECT,
  INVALID_VALUE,
  IS_DEFINED,
  IS_OBJECT,
  TOO_MANY_ERRORS,
} from '../../codes/validation.codes.js';
import { DEFAULT_MAX_ERRORS } from '../flatten.js';
import { arktypeDialect } from './dialects/arktype.js';
import { valibotDialect } from './dialects/valibot.js';
import { zodDialect } from './dialects/zod.js';
import { IssueDialect, IssueKind, StandardSchemaIssue } from './issue.js';
import { fieldOf, isMissing } from './issue-path.js';

/** How a list of Standard Schema issues becomes contract errors. */
export interface StandardSchemaErrorsOptions {
  /** The schema library (`schema['~standard'].vendor`); without it each issue's shape tells. */
  vendor?: string;
  /** The validated value, to tell a missing value from one of the wrong type. Never sent. */
  input?: unknown;
  /** The name of the validated parameter (`@Param('id', { schema })`), put before every path. */
  parameter?: string;
  /** At most this many objects; when more, the last one is TOO_MANY_ERRORS. Default 100. */
  maxErrors?: number;
  /** Codes of the app's own refinements, by rule name (see `StandardSchemaPipeOptions.codes`). */
  codes?: ReadonlyMap<string, ErrorCode>;
}

const DIALECTS: ReadonlyMap<string, IssueDialect> = new Map([
  ['zod', zodDialect],
  ['valibot', valibotDialect],
  ['arktype', arktypeDialect],
]);

/** A library this package has no dialect for: its words are kept, under the generic code. */
const unknownDialect: IssueDialect = () => ({ code: INVALID_VALUE, details: null, authored: true });

/**
 * Standard Schema issues -> one contract object per issue (per unknown key, for zod's
 * one issue naming several): `field` from the issue's path, `error_code` and `details`
 * from what the schema library says the issue is, mapped onto the codes class-validator
 * rules answer with. The message is the catalogue's (so it is rendered in the client's
 * language) unless the schema's author wrote one, which is kept as written. Never the
 * rejected value. Pure: no app, no schema library needed.
 */
export function standardSchemaIssuesToErrors(
  issues: readonly StandardSchemaIssue[],
  options: StandardSchemaErrorsOptions = {},
): ErrorWithStatus[] {
  const maxErrors = Math.max(1, options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const vendorDialect = options.vendor === undefined ? undefined : DIALECTS.get(options.vendor);
  const result: ErrorWithStatus[] = [];
  let omitted = 0;
  // Past the cap nothing is built: the rest are only counted.
  const add = (issue: StandardSchemaIssue, kind: IssueKind, key?: string): void => {
    if (omitted > 0) omitted++;
    else if (result.length < maxErrors) result.push(toContractError(issue, kind, options, key));
    else {
      result.pop();
      omitted = 2;
    }
  };

  for (const issue of issues) {
    let kind = (vendorDialect ?? dialectOf(issue))(issue, options.codes);
    if (kind.typeMismatch && 'input' in options && isMissing(options.input, issue.path)) {
      kind = { code: IS_DEFINED, details: null, authored: kind.authored };
    }
    if (kind.keys) for (const key of kind.keys) add(issue, kind, key);
    else add(issue, kind);
  }
  if (omitted > 0) result.push(TOO_MANY_ERRORS.create({ details: { omitted, max_errors: maxErrors } }));
  return result;
}

function toContractError(
  issue: StandardSchemaIssue,
  kind: IssueKind,
  options: StandardSchemaErrorsOptions,
  key: string | undefined,
): ErrorWithStatus {
  const field = fieldOf(options.parameter, issue.path, key);
  const { code, details } = kind;
  if (kind.authored) {
    const error = { message: endWithPeriod(issue.message), error_code: code.code, field, details };
    return new LocalizableError(code.status, error, undefined);
  }
  if (field !== null) return code.create({ field, details, params: kind.params });
  // The whole value: a body that is not the object the schema describes is one answer
  // about the body, as for DTOs; any other code names the value in words.
  if (code === IS_OBJECT && options.parameter === undefined) return BODY_NOT_OBJECT.create();
  return code.create({ field, details, params: { field: 'The value' } });
}

/** Finds the dialect from the issue's own shape, when the vendor was not given. */
function dialectOf(issue: StandardSchemaIssue): IssueDialect {
  const shape = issue as { ' arkKind'?: unknown; kind?: unknown; type?: unknown; code?: unknown };
  if (shape[' arkKind'] === 'error') return arktypeDialect;
  if (typeof shape.kind === 'string' && typeof shape.type === 'string') return valibotDialect;
  if (typeof shape.code === 'string') return zodDialect;
  return unknownDialect;
}

/** The schema author's words, kept as written: only trimmed and given the final period. */
function endWithPeriod(text: string): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') return asSentence(trimmed);
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}
