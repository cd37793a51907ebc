import { ErrorWithStatus } from '../contract/api-error.js';
import {
  CHECK_VIOLATION,
  EXCLUSION_VIOLATION,
  INTEGRITY_VIOLATION,
  NOT_NULL_VIOLATION,
  UNIQUE_VIOLATION,
} from '../codes/database.codes.js';
import { ErrorCode } from '../codes/error-code.js';
import { QueryFailure } from './failure.js';
import { FieldResolver, chosenField } from './field-resolution.js';
import { foreignKeyViolation } from './foreign-key-violations.js';
import { subjectOf } from './naming.js';
import { ConstraintRule } from './options.js';
import { PreparedOptions } from './prepared-options.js';
import { DatabaseSituation } from './kinds.js';

/** Class 23: the write broke a constraint. */
export type IntegritySituation = Extract<
  DatabaseSituation,
  'unique' | 'exclusion' | 'foreign-key' | 'restrict' | 'not-null' | 'check' | 'integrity'
>;

/**
 * A constraint violation, about the field the constraint covers. The app's rule for the
 * constraint (registry) overrides the field, code, message, status and details.
 */
export function integrityViolation(
  situation: IntegritySituation,
  failure: QueryFailure,
  options: PreparedOptions,
  fields: FieldResolver,
): ErrorWithStatus {
  const rule = options.ruleFor(failure.driverError);
  switch (situation) {
    case 'unique':
      return keyConflict(UNIQUE_VIOLATION, 'value', failure, rule, options, fields);
    case 'exclusion':
      return keyConflict(EXCLUSION_VIOLATION, 'record', failure, rule, options, fields);
    case 'foreign-key':
    case 'restrict':
      return foreignKeyViolation(failure, rule, options, fields);
    case 'not-null':
      return notNull(failure, rule, options, fields);
    case 'check':
      return checkViolation(failure, rule, options, fields);
    case 'integrity':
      return options.emit(INTEGRITY_VIOLATION, { field: rule?.field ?? null, details: null }, rule);
  }
}

/**
 * Unique and exclusion violations: `details.columns` lists the key's fields (or the
 * rule's field), and `details.values` the conflicting values when the app opted in.
 */
function keyConflict(
  code: ErrorCode,
  fallbackSubject: string,
  failure: QueryFailure,
  rule: ConstraintRule | undefined,
  options: PreparedOptions,
  fields: FieldResolver,
): ErrorWithStatus {
  const error = failure.driverError;
  const known = fields.knownConstraint(error, failure);
  const keyFields = fields.keyFields(error, known, failure);
  const field = chosenField(rule, keyFields);
  const columns = keyFields.length > 0 ? keyFields : field ? [field] : [];
  let details: Record<string, unknown> | null = columns.length > 0 ? { columns } : null;
  if (options.exposesValues(rule)) {
    // The known key's column count splits values where the message alone cannot.
    const values = error.keyValues?.(known?.columns.length || undefined);
    if (values) details = { ...details, values };
  }
  return options.emit(code, { field, details, params: { subject: subjectOf(field, columns, fallbackSubject) } }, rule);
}

function notNull(
  failure: QueryFailure,
  rule: ConstraintRule | undefined,
  options: PreparedOptions,
  fields: FieldResolver,
): ErrorWithStatus {
  const field = rule && rule.field !== undefined ? rule.field : fields.columnField(failure.driverError, failure);
  return options.emit(
    NOT_NULL_VIOLATION,
    { field, details: null, params: { subject: subjectOf(field, [], 'value') } },
    rule,
  );
}

function checkViolation(
  failure: QueryFailure,
  rule: ConstraintRule | undefined,
  options: PreparedOptions,
  fields: FieldResolver,
): ErrorWithStatus {
  const error = failure.driverError;
  const checked = fields.constraintFields(error, fields.knownConstraint(error, failure), failure);
  const field = chosenField(rule, checked);
  const details = checked.length > 0 ? { columns: checked } : null;
  return options.emit(
    CHECK_VIOLATION,
    { field, details, params: { subject: subjectOf(field, checked, 'value') } },
    rule,
  );
}
