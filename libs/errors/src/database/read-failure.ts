import { DIALECTS } from './dialects/index.js';
import { EntityNotFound, Indexable, QueryFailure, isObject } from './failure.js';
import { DatabaseErrorFacts } from './kinds.js';
import { DEFAULT_DATABASE_PORTS, readSocketError } from './socket-errors.js';
import { unwrapDrizzleQueryError } from './sources/drizzle-errors.js';
import {
  WrappedFailure,
  entityNotFound,
  readTypeormConnectionError,
  unwrapQueryFailedError,
} from './sources/typeorm-errors.js';

export type { EntityNotFound, QueryFailure } from './failure.js';
export type { PostgresErrorFields } from './dialects/postgres/index.js';

/**
 * Reads any thrown value as a database failure, or undefined when it is not one. The
 * sources wrap the driver's error (TypeORM's QueryFailedError, Drizzle's
 * DrizzleQueryError) and add the statement; raw drivers (pg, PGlite, mysql2 used
 * directly, or by Kysely and knex) throw their own. The driver's error is then read by
 * the dialect it belongs to, and last as a Node socket error on a database port.
 */
export function readFailure(
  exception: unknown,
  databasePorts: ReadonlySet<number> = DEFAULT_DATABASE_PORTS,
): QueryFailure | EntityNotFound | undefined {
  if (!isObject(exception)) return undefined;
  const notFound = entityNotFound(exception);
  if (notFound) return { kind: 'not-found', ...notFound };
  const wrapped = unwrapQueryFailedError(exception) ?? unwrapDrizzleQueryError(exception);
  if (wrapped) {
    const facts = readDriverError(wrapped.cause, true, databasePorts);
    if (facts) return queryFailure(facts, wrapped, wrapped.cause);
    const fromWrapper = readDriverError(exception, false, databasePorts);
    return fromWrapper ? queryFailure(fromWrapper, wrapped, exception) : undefined;
  }
  const facts = readDriverError(exception, false, databasePorts);
  return facts ? queryFailure(facts, undefined, exception) : undefined;
}

function readDriverError(
  error: Indexable,
  wrapped: boolean,
  databasePorts: ReadonlySet<number>,
): DatabaseErrorFacts | undefined {
  for (const dialect of DIALECTS) {
    const facts = dialect.read(error, wrapped);
    if (facts) return facts;
  }
  // An ORM's failed query that a socket error caused concerns the database whatever the port.
  return readTypeormConnectionError(error) ?? readSocketError(error, wrapped ? undefined : databasePorts);
}

function queryFailure(facts: DatabaseErrorFacts, wrapped: WrappedFailure | undefined, logged: unknown): QueryFailure {
  return {
    kind: 'query',
    driverError: facts,
    query: wrapped?.query,
    parameters: wrapped?.parameters,
    logged,
  };
}
