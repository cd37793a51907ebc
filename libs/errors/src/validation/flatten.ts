import type { ValidationError } from 'class-validator';
import { ErrorWithStatus } from '../contract/api-error.js';
import { LocalizableError } from '../contract/localizable-error.js';
import { asSentence } from '../contract/message.js';
import { ErrorCode, isErrorCode } from '../codes/error-code.js';
import { INVALID_VALUE, TOO_MANY_ERRORS } from '../codes/validation.codes.js';
import { findDeclaredRule } from './rule-arguments.js';
import { RULE_CODES, RuleCode } from './rule-codes.js';

export const DEFAULT_MAX_ERRORS = 100;

/**
 * What a custom decorator may put in its `context` to bring its own code:
 *
 *     @IsSlug({ context: { errorCode: SLUG_INVALID, details: { pattern: 'a-z0-9-' } } })
 */
interface ValidationErrorContext {
  errorCode?: ErrorCode;
  details?: Record<string, unknown> | null;
}

export interface FlattenOptions {
  /** At most this many objects; when more, the last one is TOO_MANY_ERRORS. Default 100. */
  maxErrors?: number;
  /** Constraint name -> code, consulted before the built-in table (custom rules). */
  ruleCodes?: ReadonlyMap<string, RuleCode>;
}

interface Frame {
  readonly errors: readonly ValidationError[];
  index: number;
  /** The path of the parent, or undefined at the top. */
  readonly prefix: string | undefined;
}

/**
 * class-validator's error tree -> one contract object per (field path, rule), in the
 * order class-validator reported them (a property's own rules before its children's).
 *
 * Iterative on purpose: the tree is as deep as the client's JSON, and a recursive walk
 * would let a request overflow the stack. Past the cap the walk only counts, building no
 * paths or objects, so a huge list of invalid items costs little more than its length.
 */
export function flattenValidationErrors(
  roots: readonly ValidationError[],
  options: FlattenOptions = {},
): ErrorWithStatus[] {
  const maxErrors = Math.max(1, options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const ruleCodes = options.ruleCodes;
  const result: ErrorWithStatus[] = [];
  let omitted = 0;
  const stack: Frame[] = [{ errors: roots, index: 0, prefix: undefined }];

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.errors.length) {
      stack.pop();
      continue;
    }
    const error = frame.errors[frame.index++];
    const counting = omitted > 0;
    const path = counting ? '' : joinPath(frame.prefix, error.property);
    const constraints = error.constraints;
    if (constraints) {
      for (const name in constraints) {
        if (omitted > 0) {
          omitted++;
        } else if (result.length < maxErrors) {
          result.push(toContractError(error, name, constraints[name], path, ruleCodes));
        } else {
          // One past the cap: the last kept object makes room for the summary.
          result.pop();
          omitted = 2;
        }
      }
    }
    const children = error.children;
    if (children && children.length > 0) stack.push({ errors: children, index: 0, prefix: path });
  }

  if (omitted > 0) {
    result.push(TOO_MANY_ERRORS.create({ details: { omitted, max_errors: maxErrors } }));
  }
  return result;
}

function joinPath(prefix: string | undefined, property: string | undefined): string {
  const own = property === undefined || property === null ? '' : String(property);
  if (prefix === undefined || prefix === '') return own;
  return own === '' ? prefix : `${prefix}.${own}`;
}

/** One violation -> one contract object. */
function toContractError(
  error: ValidationError,
  constraintName: string,
  rawMessage: string,
  path: string,
  ruleCodes: ReadonlyMap<string, RuleCode> | undefined,
): ErrorWithStatus {
  const context = error.contexts?.[constraintName] as ValidationErrorContext | undefined;
  const rule = ruleCodes?.get(constraintName) ?? RULE_CODES.get(constraintName);
  const code = isErrorCode(context?.errorCode) ? context.errorCode : (rule?.code ?? INVALID_VALUE);
  const declared = findDeclaredRule(error.target, error.property, constraintName);
  const field = path === '' ? null : path;

  let details: Record<string, unknown> | null = null;
  if (context?.details !== undefined) details = context.details;
  else if (rule?.details && declared) details = rule.details(declared.constraints);

  // A DTO's own words stay as written in every locale; a default message is rendered per locale.
  const template = declared?.authoredMessage ? undefined : { rule: constraintName };
  if (rawMessage === undefined || rawMessage === '') {
    // dismissDefaultMessages: the code's template, filled once when the answer is written.
    return new LocalizableError(code.status, code.create({ field, details }).error, template);
  }
  const message = declared?.authoredMessage ? endWithPeriod(rawMessage) : asSentence(rawMessage);
  return new LocalizableError(code.status, { message, error_code: code.code, field, details }, template);
}

/** The DTO author's words, kept as written: only trimmed and given the final period. */
function endWithPeriod(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return asSentence(trimmed);
  return trimmed.endsWith('.') ? trimmed : `${trimmed}.`;
}
