import { ErrorWithStatus } from '../contract/api-error.js';
import {
  CHECK_VIOLATION,
  DATABASE_CODES,
  DATABASE_TIMEOUT,
  DATABASE_UNAVAILABLE,
  DEADLOCK_DETECTED,
  EXCLUSION_VIOLATION,
  INTEGRITY_VIOLATION,
  INVALID_CHARACTERS,
  INVALID_DATE_TIME,
  DATA_EXCEPTION,
  INVALID_VALUE_FOR_TYPE,
  LIMIT_EXCEEDED,
  NOT_NULL_VIOLATION,
  NUMBER_OUT_OF_RANGE,
  RECORD_NOT_FOUND,
  RECORD_STILL_REFERENCED,
  REFERENCED_RECORD_NOT_FOUND,
  SERIALIZATION_FAILURE,
  UNIQUE_VIOLATION,
  VALUE_TOO_LONG,
} from '../codes/database.codes.js';
import { ErrorCode } from '../codes/error-code.js';
import { INTERNAL_ERROR } from '../codes/server.codes.js';
import { Translation } from '../translators/translator.js';
import { NO_SCHEMA_KNOWLEDGE, SchemaKnowledge } from './schema.js';
import { KnownConstraint } from './constraint-index.js';
import { EntityNotFound, PostgresErrorFields, QueryFailure, readDatabaseFailure } from './driver-error.js';
import { parseKeyDetail } from './key-detail.js';
import { inWords, listInWords, resourceKey } from './naming.js';
import { ConstraintRule, DatabaseErrorOptions } from './options.js';
import { classifySqlState } from './sqlstate.js';
import { columnOfCulprit, readStatement } from './statement.js';

/** The request context the translator needs; the filter passes its TranslationContext. */
export interface DatabaseTranslationContext {
  requestId: string;
}

/**
 * Builds the database translator from options and what is known about the schema.
 * Everything that can be prepared (rule and message lookups) is prepared here, so a
 * translation is a few map lookups.
 */
export function buildDatabaseTranslator(
  options: DatabaseErrorOptions = {},
  { index, databasePorts }: SchemaKnowledge = NO_SCHEMA_KNOWLEDGE,
): (exception: unknown, context: DatabaseTranslationContext) => Translation | undefined {
  const rules = new Map(Object.entries(options.constraints ?? {}));
  const messages = messageOverrides(options.messages ?? {});
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  const exposeAllValues = options.exposeValues ?? false;

  /** One error of `code`, with the rule's and the app's overrides applied. */
  function emit(
    code: ErrorCode,
    occurrence: { field: string | null; details: Record<string, unknown> | null; params?: Record<string, unknown> },
    rule?: ConstraintRule,
  ): ErrorWithStatus {
    const definition = rule?.code ?? code;
    const details = rule?.details ? { ...occurrence.details, ...rule.details } : occurrence.details;
    return definition.create({
      field: occurrence.field,
      details,
      params: occurrence.params,
      template: rule?.message ?? messages.get(definition.code),
      status: rule?.status,
    });
  }

  function fieldsOf(columns: readonly string[], table: string | undefined, schema: string | undefined): string[] {
    return columns.map((column) => index.fieldOf(column, table, schema));
  }

  /** Known constraint first (catalog/metadata), the `detail` text only as a fallback. */
  function keyFields(error: PostgresErrorFields, known: KnownConstraint | undefined): string[] {
    if (known && known.columns.length > 0)
      return fieldsOf(known.columns, known.table ?? error.table, known.schema ?? error.schema);
    const parsed = parseKeyDetail(error.detail);
    return parsed ? fieldsOf(parsed.columns, error.table, error.schema) : [];
  }

  function lookUp(error: PostgresErrorFields): {
    rule: ConstraintRule | undefined;
    known: KnownConstraint | undefined;
  } {
    if (!error.constraint) return { rule: undefined, known: undefined };
    return { rule: rules.get(error.constraint), known: index.constraint(error.constraint, error.table, error.schema) };
  }

  function conflict(code: ErrorCode, error: PostgresErrorFields, fallbackSubject: string): ErrorWithStatus {
    const { rule, known } = lookUp(error);
    const discovered = keyFields(error, known);
    const field = rule && rule.field !== undefined ? rule.field : discovered.length === 1 ? discovered[0] : null;
    const columns = discovered.length > 0 ? discovered : field ? [field] : [];
    let details: Record<string, unknown> | null = columns.length > 0 ? { columns } : null;
    if (exposeAllValues || rule?.exposeValues) {
      const values = parseKeyDetail(error.detail, known?.columns.length || undefined)?.values;
      if (values) details = { ...details, values };
    }
    return emit(code, { field, details, params: { subject: subjectOf(field, columns, fallbackSubject) } }, rule);
  }

  function foreignKey(failure: QueryFailure, error: PostgresErrorFields): ErrorWithStatus {
    const { rule, known } = lookUp(error);
    const referencedEntity = known?.referencedTable
      ? index.table(known.referencedTable, known.referencedSchema)?.entityName
      : undefined;
    if (isStillReferenced(failure, error)) {
      const referencingEntity = index.table(error.table, error.schema)?.entityName;
      return emit(
        RECORD_STILL_REFERENCED,
        {
          field: rule?.field ?? null,
          details: {
            resource: referencedEntity ? resourceKey(referencedEntity) : null,
            referenced_by: referencingEntity ? resourceKey(referencingEntity) : null,
          },
          params: {
            resource: referencedEntity ? inWords(referencedEntity) : 'record',
            referenced_by: referencingEntity ? inWords(referencingEntity) : 'other',
          },
        },
        rule,
      );
    }
    const fields = keyFields(error, known);
    const field = rule && rule.field !== undefined ? rule.field : fields.length === 1 ? fields[0] : null;
    const details =
      fields.length > 0 ? { columns: fields, resource: referencedEntity ? resourceKey(referencedEntity) : null } : null;
    return emit(
      REFERENCED_RECORD_NOT_FOUND,
      { field, details, params: { subject: subjectOf(field, fields, 'reference') } },
      rule,
    );
  }

  function check(error: PostgresErrorFields): ErrorWithStatus {
    const { rule, known } = lookUp(error);
    const fields = known ? fieldsOf(known.columns, known.table ?? error.table, known.schema ?? error.schema) : [];
    const field = rule && rule.field !== undefined ? rule.field : fields.length === 1 ? fields[0] : null;
    const details = fields.length > 0 ? { columns: fields } : null;
    return emit(CHECK_VIOLATION, { field, details, params: { subject: subjectOf(field, fields, 'value') } }, rule);
  }

  function notNull(error: PostgresErrorFields): ErrorWithStatus {
    const { rule } = lookUp(error);
    const field =
      rule && rule.field !== undefined
        ? rule.field
        : error.column
          ? index.fieldOf(error.column, error.table, error.schema)
          : null;
    return emit(NOT_NULL_VIOLATION, { field, details: null, params: { subject: subjectOf(field, [], 'value') } }, rule);
  }

  /** 22xxx errors name no column: find the one parameter that caused it, if the statement shows its column. */
  function badValue(
    code: ErrorCode,
    failure: QueryFailure,
    isCulprit: ((value: unknown) => boolean) | undefined,
    details: Record<string, unknown> | null,
    params: Record<string, unknown> = {},
  ): ErrorWithStatus {
    let field: string | null = null;
    if (isCulprit && failure.query) {
      const statement = readStatement(failure.query);
      const column = columnOfCulprit(statement, failure.parameters, isCulprit);
      if (column) field = index.fieldOf(column, statement.table, undefined);
    }
    return emit(code, { field, details, params: { subject: subjectOf(field, [], 'value'), ...params } });
  }

  function unavailable(code: ErrorCode, logged: unknown, requestId: string): Translation {
    return {
      errors: [
        emit(code, {
          field: null,
          details: { request_id: requestId, retry_after_seconds: retryAfterSeconds, retryable: true },
        }),
      ],
      headers: { 'Retry-After': String(retryAfterSeconds) },
      logged,
    };
  }

  function notFound(failure: EntityNotFound): Translation {
    const resource = failure.entityName ?? 'record';
    return {
      errors: [
        emit(RECORD_NOT_FOUND, {
          field: null,
          details: { resource: resourceKey(resource) },
          params: { resource: inWords(resource) },
        }),
      ],
    };
  }

  return (exception, context) => {
    const failure = readDatabaseFailure(exception, databasePorts);
    if (!failure) return undefined;
    if (failure.kind === 'not-found') return notFound(failure);
    const error = failure.driverError;
    const message = typeof error.message === 'string' ? error.message : '';
    switch (classifySqlState(error.code)) {
      case 'unique':
        return { errors: [conflict(UNIQUE_VIOLATION, error, 'value')] };
      case 'exclusion':
        return { errors: [conflict(EXCLUSION_VIOLATION, error, 'record')] };
      case 'foreign-key':
      case 'restrict':
        return { errors: [foreignKey(failure, error)] };
      case 'not-null':
        return { errors: [notNull(error)] };
      case 'check':
        return { errors: [check(error)] };
      case 'integrity': {
        const { rule } = lookUp(error);
        return { errors: [emit(INTEGRITY_VIOLATION, { field: rule?.field ?? null, details: null }, rule)] };
      }
      case 'too-long': {
        const maxLength = maxLengthOf(message);
        const isCulprit =
          maxLength === undefined
            ? undefined
            : (value: unknown) => typeof value === 'string' && [...value].length > maxLength;
        return { errors: [badValue(VALUE_TOO_LONG, failure, isCulprit, { max_length: maxLength ?? null })] };
      }
      case 'out-of-range': {
        const { type, value } = readTypeAndValue(message);
        return { errors: [badValue(NUMBER_OUT_OF_RANGE, failure, culpritEqualTo(value), type ? { type } : null)] };
      }
      case 'invalid-text': {
        const { type, value } = readTypeAndValue(message);
        return {
          errors: [
            badValue(
              INVALID_VALUE_FOR_TYPE,
              failure,
              culpritEqualTo(value),
              { type: type ?? null },
              { type: type ?? 'value' },
            ),
          ],
        };
      }
      case 'invalid-date-time': {
        const { value } = readTypeAndValue(message);
        return { errors: [badValue(INVALID_DATE_TIME, failure, culpritEqualTo(value), null)] };
      }
      case 'invalid-bytes':
        return {
          errors: [
            badValue(
              INVALID_CHARACTERS,
              failure,
              // A NUL in text, or the \u0000 escape inside a JSON document for jsonb.
              (value) => typeof value === 'string' && (value.includes('\u0000') || value.includes('\\u0000')),
              null,
            ),
          ],
        };
      case 'invalid-value':
        return { errors: [badValue(DATA_EXCEPTION, failure, undefined, null)] };
      case 'too-large': {
        const { rule } = lookUp(error);
        return { errors: [emit(LIMIT_EXCEEDED, { field: rule?.field ?? null, details: null }, rule)] };
      }
      case 'serialization':
        return { errors: [emit(SERIALIZATION_FAILURE, { field: null, details: { retryable: true } })] };
      case 'deadlock':
        return { errors: [emit(DEADLOCK_DETECTED, { field: null, details: { retryable: true } })] };
      case 'timeout':
        return unavailable(DATABASE_TIMEOUT, failure.logged, context.requestId);
      case 'unavailable':
        return unavailable(DATABASE_UNAVAILABLE, failure.logged, context.requestId);
      case 'bug':
        return {
          errors: [INTERNAL_ERROR.create({ details: { request_id: context.requestId } })],
          logged: failure.logged,
        };
    }
  };
}

/** `{subject}` in messages: the field in words, "combination of a and b", or a fallback noun. */
function subjectOf(field: string | null, columns: readonly string[], fallback: string): string {
  if (field) return inWords(field);
  if (columns.length > 1) return `combination of ${listInWords(columns)}`;
  return fallback;
}

function messageOverrides(messages: Readonly<Record<string, string>>): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const [key, template] of Object.entries(messages)) {
    const definition = DATABASE_CODES.find((code) => code.code === key || code.name === key);
    if (!definition) {
      // A misspelt key would silently keep the default message: fail at start-up instead.
      throw new Error(
        `Database error option messages.${key} names no database code. Use a code name or number: ${DATABASE_CODES.map((code) => code.name).join(', ')}.`,
      );
    }
    overrides.set(definition.code, template);
  }
  return overrides;
}

/**
 * 23503 is raised both when a new row names a missing parent and when a parent that rows
 * still reference is deleted or re-keyed. Postgres reports the referencing table in both
 * cases, so the direction comes from the detail wording, else from what the statement
 * wrote (a DELETE, or an UPDATE of another table than the referencing one).
 */
function isStillReferenced(failure: QueryFailure, error: PostgresErrorFields): boolean {
  if (error.code === '23001') return true;
  if (error.detail?.includes(' is still referenced from table ')) return true;
  if (error.detail?.includes(' is not present in table ')) return false;
  const statement = failure.query ? readStatement(failure.query) : undefined;
  if (statement?.command === 'DELETE') return true;
  if (statement?.command === 'UPDATE' && statement.table && error.table) return statement.table !== error.table;
  if (statement?.command === 'INSERT') return false;
  return /^update or delete on table /u.test(error.message ?? '');
}

/** `value too long for type character varying(30)` -> 30. */
function maxLengthOf(message: string): number | undefined {
  const match = /\((\d+)\)\s*$/u.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * `invalid input syntax for type uuid: "abc"`, `value "9999999999" is out of range for
 * type integer`, `date/time field value out of range: "2024-02-30"`: the type (safe to
 * show, it is the column type) and the offending text (used only to find its parameter).
 */
const BUILT_IN_TYPES: ReadonlySet<string> = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double precision',
  'boolean',
  'uuid',
  'date',
  'time',
  'time without time zone',
  'time with time zone',
  'timestamp',
  'timestamp without time zone',
  'timestamp with time zone',
  'interval',
  'json',
  'jsonb',
  'inet',
  'cidr',
  'macaddr',
  'money',
  'bytea',
  'bit',
  'bit varying',
  'oid',
  'point',
  'xml',
]);

function readTypeAndValue(message: string): { type: string | undefined; value: string | undefined } {
  const named =
    /\bfor type ([a-z][a-z0-9_ ]*?)(?::|$)/iu.exec(message)?.[1] ?? /^([a-z]+) out of range$/iu.exec(message)?.[1];
  // Only PostgreSQL's own type names are shown: an enum's or domain's name is the app's
  // schema, which stays private.
  const type = named !== undefined && BUILT_IN_TYPES.has(named.toLowerCase()) ? named : undefined;
  const value = /"((?:[^"]|"")*)"/u.exec(message.replace(/^[^:]*?encoding "[^"]*"/u, ''))?.[1];
  return { type, value };
}

function culpritEqualTo(text: string | undefined): ((value: unknown) => boolean) | undefined {
  if (text === undefined) return undefined;
  return (value) =>
    (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') && String(value) === text;
}
