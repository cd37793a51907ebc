import { ErrorWithStatus } from '../contract/api-error.js';
import { RECORD_NOT_FOUND } from '../codes/database.codes.js';
import { INTERNAL_ERROR } from '../codes/server.codes.js';
import { Translation } from '../translators/translator.js';
import { dataError } from './data-errors.js';
import { EntityNotFound, QueryFailure } from './failure.js';
import { FieldResolver } from './field-resolution.js';
import { integrityViolation } from './integrity-violations.js';
import { inWords, resourceKey } from './naming.js';
import { DatabaseErrorOptions } from './options.js';
import { PreparedOptions } from './prepared-options.js';
import { readFailure } from './read-failure.js';
import { SchemaKnowledge, declaredKnowledge } from './schema.js';
import { transientFailure } from './transient-failures.js';

/** The request context the translator needs; the filter passes its TranslationContext. */
export interface DatabaseTranslationContext {
  requestId: string;
}

/**
 * Builds the database translator from options and what is known about the schema.
 * Everything that can be prepared (the registry, the message overrides, the schema
 * index) is prepared here, so a translation is a few map lookups: recognise the failure
 * (its source and its dialect say what kind it is), and answer for that kind, the same
 * way whatever the database.
 */
export function buildDatabaseTranslator(
  options: DatabaseErrorOptions = {},
  { index, databasePorts }: SchemaKnowledge = declaredKnowledge(options),
): (exception: unknown, context: DatabaseTranslationContext) => Translation | undefined {
  const prepared = new PreparedOptions(options);
  const fields = new FieldResolver(index);
  return (exception, context) => {
    const failure = readFailure(exception, databasePorts);
    if (!failure) return undefined;
    if (failure.kind === 'not-found') return { errors: [recordNotFound(failure, prepared)] };
    return translateQueryFailure(failure, context.requestId, prepared, fields);
  };
}

function translateQueryFailure(
  failure: QueryFailure,
  requestId: string,
  options: PreparedOptions,
  fields: FieldResolver,
): Translation {
  const situation = failure.driverError.situation;
  switch (situation) {
    case 'unique':
    case 'exclusion':
    case 'foreign-key':
    case 'restrict':
    case 'not-null':
    case 'check':
    case 'integrity':
      return { errors: [integrityViolation(situation, failure, options, fields)] };
    case 'too-long':
    case 'out-of-range':
    case 'invalid-text':
    case 'invalid-date-time':
    case 'invalid-bytes':
    case 'invalid-value':
    case 'too-large':
      return { errors: [dataError(situation, failure, options, fields)] };
    case 'serialization':
    case 'deadlock':
    case 'lock-timeout':
    case 'timeout':
    case 'unavailable':
    case 'read-only':
      return transientFailure(situation, failure, requestId, options);
    case 'bug':
      // A statement the app got wrong (a syntax error, an unknown column or error number): a 500 that is logged, never explained.
      return { errors: [INTERNAL_ERROR.create({ details: { request_id: requestId } })], logged: failure.logged };
  }
}

/** TypeORM's `findOneOrFail` and the like: a 404 that names the entity as a resource. */
function recordNotFound(failure: EntityNotFound, options: PreparedOptions): ErrorWithStatus {
  const resource = failure.entityName ?? 'record';
  return options.emit(RECORD_NOT_FOUND, {
    field: null,
    details: { resource: resourceKey(resource) },
    params: { resource: inWords(resource) },
  });
}
