import { DatabaseDialect } from '../../dialect.js';
import { Indexable } from '../../failure.js';
import { DatabaseErrorFacts } from '../../kinds.js';
import { PG_MESSAGE_SQLSTATES } from './connection-messages.js';
import { builtInTypeIn, maxLengthIn, quotedValueIn } from './driver-message.js';
import { parseKeyDetail } from './key-detail.js';
import { classifySqlState, isSqlState } from './sqlstate.js';

/** The fields of a pg (or PGlite) DatabaseError this library reads. */
export interface PostgresErrorFields {
  code: string;
  message?: string;
  severity?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  dataType?: string;
}

/**
 * PostgreSQL, through pg or PGlite: the SQLSTATE in `code`, the constraint, table,
 * schema and column in fields of their own, the key in `detail`
 * (`Key (email)=(a@b.c) already exists.`), the type and limit in the message.
 */
export const postgresDialect: DatabaseDialect = {
  name: 'postgres',
  read(error, wrapped) {
    if (isSqlState(error.code) && (wrapped || isProtocolError(error))) {
      return readDatabaseError(error as unknown as PostgresErrorFields);
    }
    // The wording is read on the error itself; an ORM's wrapper repeats it (and is what gets logged).
    return wrapped ? undefined : readConnectionFailure(error);
  },
};

/** pg-protocol's DatabaseError as thrown outside an ORM's wrapping (pool.connect: too many clients...). */
function isProtocolError(error: Indexable): boolean {
  return typeof error.severity === 'string' && /^(ERROR|FATAL|PANIC)$/u.test(error.severity);
}

function readDatabaseError(error: PostgresErrorFields): DatabaseErrorFacts {
  const situation = classifySqlState(error.code);
  const message = typeof error.message === 'string' ? error.message : '';
  const detail = typeof error.detail === 'string' ? error.detail : undefined;
  const key = parseKeyDetail(detail);
  const facts: DatabaseErrorFacts = {
    dialect: 'postgres',
    code: error.code,
    situation,
    constraint: text(error.constraint),
    table: text(error.table),
    schema: text(error.schema),
    column: text(error.column),
    keyColumns: key?.columns,
    keyValues: (count) => parseKeyDetail(detail, count)?.values,
  };
  if (situation === 'foreign-key' || situation === 'restrict') {
    facts.stillReferenced = foreignKeyDirection(error, detail);
    facts.stillReferencedWording = STILL_REFERENCED_MESSAGE.test(message);
  }
  if (situation === 'too-long') facts.maxLength = maxLengthIn(message);
  if (situation === 'out-of-range' || situation === 'invalid-text') facts.valueType = builtInTypeIn(message);
  if (situation === 'out-of-range' || situation === 'invalid-text' || situation === 'invalid-date-time') {
    facts.printedValue = quotedValueIn(message);
  }
  return facts;
}

const STILL_REFERENCED_DETAIL = ' is still referenced from table ';
const MISSING_PARENT_DETAIL = ' is not present in table ';
const STILL_REFERENCED_MESSAGE = /^update or delete on table /u;

/**
 * 23503 is raised both when a new row names a missing parent and when a parent that rows
 * still reference is deleted or re-keyed; PostgreSQL reports the referencing table in
 * both cases, so the direction comes from the detail's wording (23001 restrict is always
 * a referenced row).
 */
function foreignKeyDirection(error: PostgresErrorFields, detail: string | undefined): boolean | undefined {
  if (error.code === '23001') return true;
  if (detail?.includes(STILL_REFERENCED_DETAIL)) return true;
  if (detail?.includes(MISSING_PARENT_DETAIL)) return false;
  return undefined;
}

/** pg's code-less connection errors, by their wording. */
function readConnectionFailure(error: Indexable): DatabaseErrorFacts | undefined {
  const code = typeof error.message === 'string' ? PG_MESSAGE_SQLSTATES.get(error.message) : undefined;
  return code ? { dialect: 'postgres', code, situation: classifySqlState(code) } : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
