import { DatabaseDialect } from '../../dialect.js';
import { Indexable } from '../../failure.js';
import { DatabaseErrorFacts } from '../../kinds.js';
import { CLIENT_CODES, CLIENT_MESSAGES, situationOf } from './error-numbers.js';
import {
  checkFailureIn,
  columnIn,
  duplicateEntryIn,
  duplicateValues,
  foreignKeyFailureIn,
  wrongValueIn,
} from './messages.js';

/** The fields of a mysql2 error this library reads. */
interface MysqlErrorFields {
  errno: number;
  sqlState?: string;
  sqlMessage?: string;
  message?: string;
}

/** Errors a server sends carry numbers from 1000 (server) and 2000 (client library) up. */
function isServerErrorNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value < 60000;
}

/**
 * MySQL and MariaDB through mysql2: the error number in `errno`, the SQLSTATE in
 * `sqlState`, everything else in the message. A raw error proves it is mysql2's by
 * carrying all three; mysql2's own connection errors by their code or wording.
 */
export const mysqlDialect: DatabaseDialect = {
  name: 'mysql',
  read(error, wrapped) {
    if (isServerErrorNumber(error.errno) && (wrapped || isServerError(error))) {
      return readServerError(error as unknown as MysqlErrorFields);
    }
    return readClientError(error);
  },
};

function isServerError(error: Indexable): boolean {
  return typeof error.sqlState === 'string' && typeof error.sqlMessage === 'string';
}

function readServerError(error: MysqlErrorFields): DatabaseErrorFacts {
  const message = typeof error.sqlMessage === 'string' ? error.sqlMessage : String(error.message ?? '');
  const situation = situationOf(error.errno, error.sqlState, message);
  const facts: DatabaseErrorFacts = { dialect: 'mysql', code: String(error.errno), situation };
  switch (situation) {
    case 'unique': {
      const entry = duplicateEntryIn(message);
      if (entry) {
        facts.constraint = entry.key;
        facts.table = entry.table;
        facts.keyValues = (count) => duplicateValues(entry.printedValue, count);
      }
      return facts;
    }
    case 'foreign-key': {
      facts.stillReferenced = error.errno === 1451 || error.errno === 1217;
      const failure = foreignKeyFailureIn(message);
      if (failure) {
        facts.constraint = failure.constraint;
        facts.table = failure.table;
        facts.schema = failure.schema;
        facts.keyColumns = failure.columns;
        facts.referencedTable = failure.referencedTable;
      }
      return facts;
    }
    case 'check': {
      const failure = checkFailureIn(message);
      if (failure) Object.assign(facts, failure);
      return facts;
    }
    case 'invalid-text': {
      const wrong = wrongValueIn(message);
      if (wrong?.dateTime) facts.situation = 'invalid-date-time';
      else if (wrong?.badBytes) facts.situation = 'invalid-bytes';
      facts.valueType = wrong?.type;
      return withColumn(facts, message);
    }
    case 'not-null':
    case 'too-long':
    case 'out-of-range':
    case 'invalid-value':
    case 'invalid-date-time':
      return withColumn(facts, message);
    default:
      return facts;
  }
}

function withColumn(facts: DatabaseErrorFacts, message: string): DatabaseErrorFacts {
  const named = columnIn(message);
  if (named) {
    facts.column = named.column;
    facts.table = named.table;
    facts.schema = named.schema;
  }
  return facts;
}

/** mysql2's own errors (a lost connection, a closed pool, a client-side timeout). */
function readClientError(error: Indexable): DatabaseErrorFacts | undefined {
  const byCode = typeof error.code === 'string' ? CLIENT_CODES.get(error.code) : undefined;
  if (byCode) {
    return { dialect: 'mysql', code: error.code as string, situation: byCode };
  }
  const byMessage = typeof error.message === 'string' ? CLIENT_MESSAGES.get(error.message) : undefined;
  return byMessage ? { dialect: 'mysql', code: 'CLIENT', situation: byMessage } : undefined;
}
