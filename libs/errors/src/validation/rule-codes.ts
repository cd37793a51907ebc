import { RuleCode, VALIDATION_RULES } from '../codes/validation.codes.js';

export type { DetailsFromArguments, RuleCode } from '../codes/validation.codes.js';

/**
 * class-validator constraint name (the key of `ValidationError.constraints`) -> code,
 * derived from the rules table in codes/validation.codes.ts. Built once at load time so
 * the error path does one Map lookup per violation.
 */
export const RULE_CODES: ReadonlyMap<string, RuleCode> = new Map(
  VALIDATION_RULES.map((rule) => [rule.constraint, rule]),
);
