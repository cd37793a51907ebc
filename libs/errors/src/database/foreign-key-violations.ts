import { ErrorWithStatus } from '../contract/api-error.js';
import { RECORD_STILL_REFERENCED, REFERENCED_RECORD_NOT_FOUND } from '../codes/database.codes.js';
import { QueryFailure } from './failure.js';
import { FieldResolver, chosenField } from './field-resolution.js';
import { inWords, resourceKey, subjectOf } from './naming.js';
import { ConstraintRule } from './options.js';
import { PreparedOptions } from './prepared-options.js';
import { readStatement } from './statement.js';

/**
 * A foreign key or restrict violation, in the direction it happened:
 * the request named a parent that does not exist (400, about the referencing field), or
 * it deleted or re-keyed a parent that rows still reference (409, about the resources).
 */
export function foreignKeyViolation(
  failure: QueryFailure,
  rule: ConstraintRule | undefined,
  options: PreparedOptions,
  fields: FieldResolver,
): ErrorWithStatus {
  const error = failure.driverError;
  const known = fields.knownConstraint(error, failure);
  const referencedTable = known?.referencedTable ?? error.referencedTable;
  const referencedSchema = known?.referencedTable ? known.referencedSchema : error.schema;
  const parent = referencedTable ? fields.entityName(referencedTable, referencedSchema) : undefined;
  if (isStillReferenced(failure)) {
    const child = fields.entityName(error.table, error.schema);
    const details = {
      resource: parent ? resourceKey(parent) : null,
      referenced_by: child ? resourceKey(child) : null,
    };
    const params = { resource: parent ? inWords(parent) : 'record', referenced_by: child ? inWords(child) : 'other' };
    return options.emit(RECORD_STILL_REFERENCED, { field: rule?.field ?? null, details, params }, rule);
  }
  const keyFields = fields.keyFields(error, known, failure);
  const field = chosenField(rule, keyFields);
  const details = keyFields.length > 0 ? { columns: keyFields, resource: parent ? resourceKey(parent) : null } : null;
  const params = { subject: subjectOf(field, keyFields, 'reference') };
  return options.emit(REFERENCED_RECORD_NOT_FOUND, { field, details, params }, rule);
}

/**
 * A foreign key fails both when a new row names a missing parent and when a parent that
 * rows still reference is deleted or re-keyed. The dialect says which when the error
 * tells (MySQL's two error numbers, PostgreSQL's detail wording); else the statement
 * does (a DELETE, or an UPDATE of another table than the referencing one), and when
 * neither tells, the message's wording.
 */
function isStillReferenced(failure: QueryFailure): boolean {
  const error = failure.driverError;
  if (error.stillReferenced !== undefined) return error.stillReferenced;
  const statement = failure.query ? readStatement(failure.query) : undefined;
  if (statement?.command === 'DELETE') return true;
  if (statement?.command === 'UPDATE' && statement.table && error.table) return statement.table !== error.table;
  if (statement?.command === 'INSERT') return false;
  return error.stillReferencedWording === true;
}
