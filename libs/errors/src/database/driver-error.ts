import { isNetworkErrorCode, isSqlState } from './sqlstate.js';

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

/** A failed statement: the driver error plus, when TypeORM wrapped it, the SQL and parameters. */
export interface QueryFailure {
  kind: 'query';
  driverError: PostgresErrorFields;
  query: string | undefined;
  parameters: readonly unknown[] | undefined;
  /** What to log for a 5xx: the driver's own error object. */
  logged: unknown;
}

/** TypeORM's EntityNotFoundError (findOneOrFail, findOneByOrFail...). */
export interface EntityNotFound {
  kind: 'not-found';
  entityName: string | undefined;
}

type Indexable = Record<string, unknown>;

function isObject(value: unknown): value is Indexable {
  return typeof value === 'object' && value !== null;
}

function isDriverError(value: unknown): value is PostgresErrorFields {
  return isObject(value) && (isSqlState(value.code) || isNetworkErrorCode(value.code));
}

/** pg-protocol's DatabaseError as thrown outside TypeORM's wrapping (pool.connect: too many clients...). */
function isProtocolError(value: Indexable): boolean {
  return isSqlState(value.code) && typeof value.severity === 'string' && /^(ERROR|FATAL|PANIC)$/u.test(value.severity);
}

/**
 * Recognises TypeORM's errors by shape and name rather than `instanceof`, so an app with
 * a second copy of typeorm in node_modules (or errors crossing realms) still works.
 */
export function readDatabaseFailure(
  exception: unknown,
  databasePorts: ReadonlySet<number> = DEFAULT_DATABASE_PORTS,
): QueryFailure | EntityNotFound | undefined {
  if (!isObject(exception)) return undefined;
  const name = exception.name;
  if (isDriverError(exception.driverError) && (name === 'QueryFailedError' || typeof exception.query === 'string')) {
    return {
      kind: 'query',
      driverError: exception.driverError,
      query: typeof exception.query === 'string' ? exception.query : undefined,
      parameters: Array.isArray(exception.parameters) ? exception.parameters : undefined,
      logged: exception.driverError,
    };
  }
  if (name === 'EntityNotFoundError' && 'entityClass' in exception) {
    return { kind: 'not-found', entityName: entityNameOf(exception.entityClass) };
  }
  if (isProtocolError(exception)) {
    const driverError = exception as unknown as PostgresErrorFields;
    return { kind: 'query', driverError, query: undefined, parameters: undefined, logged: exception };
  }
  const connectionFailure = connectionFailureCode(exception, databasePorts);
  if (connectionFailure) {
    return {
      kind: 'query',
      driverError: { code: connectionFailure },
      query: undefined,
      parameters: undefined,
      logged: exception,
    };
  }
  return undefined;
}

export const DEFAULT_DATABASE_PORTS: ReadonlySet<number> = new Set([5432]);

/**
 * pg and pg-pool's own wording when a connection cannot be made, dies, is closed, or
 * does not answer in time. These errors carry no code, so each gets the SQLSTATE that
 * says the same thing: 08006 connection_failure, 08003 connection_does_not_exist (the
 * app closed its pool or client, as it does while shutting down), 57014 query_canceled
 * (pg's client-side `query_timeout` gave up waiting for the answer).
 */
const DRIVER_MESSAGE_SQLSTATES: ReadonlyMap<string, string> = new Map([
  ['timeout exceeded when trying to connect', '08006'],
  ['Connection terminated unexpectedly', '08006'],
  ['Connection terminated due to connection timeout', '08006'],
  ['Client has encountered a connection error and is not queryable', '08006'],
  ['Connection terminated', '08003'],
  ['Client was closed and is not queryable', '08003'],
  ['Cannot use a pool after calling end on the pool', '08003'],
  ['Query read timeout', '57014'],
]);

/**
 * TypeORM's own errors that mean the connection went away: a query runner is released
 * when its connection emits an error (the server cut the session), so the next statement
 * of the same request (the count of a findAndCount...) finds it released.
 */
const TYPEORM_CONNECTION_ERRORS: ReadonlyMap<string, string> = new Map([['QueryRunnerAlreadyReleasedError', '08003']]);

/**
 * The SQLSTATE for a connection failure, or undefined. When the server is down, pg-pool
 * rejects with Node's raw socket error (ECONNREFUSED...), which TypeORM does not wrap;
 * such an error is claimed only when it concerns the database's port, so that a failing
 * call to another service is not reported as the database being down. Node's
 * happy-eyeballs connect (a host name with several addresses) reports an AggregateError
 * whose own errors carry the port. A socket that fails after it connected (`read
 * ECONNRESET`, `write EPIPE`) names no port at all: pg rejects a pooled connection that
 * the server cuts while it is being set up (a restart) with exactly that raw error, so a
 * bare Node socket error of a read or a write is claimed too; HTTP and other clients
 * wrap theirs (fetch's "fetch failed", AxiosError...).
 */
function connectionFailureCode(error: Indexable, databasePorts: ReadonlySet<number>): string | undefined {
  if (typeof error.message === 'string') {
    const code = DRIVER_MESSAGE_SQLSTATES.get(error.message);
    if (code) return code;
  }
  if (typeof error.name === 'string') {
    const code = TYPEORM_CONNECTION_ERRORS.get(error.name);
    if (code) return code;
  }
  if (!isNetworkErrorCode(error.code)) return undefined;
  if (isBareSocketError(error)) return error.code as string;
  const ports = [error.port, ...(Array.isArray(error.errors) ? error.errors.map((inner) => inner?.port) : [])];
  // No SQLSTATE on these: the network code is kept (classifySqlState reads it as unavailable).
  return ports.some((port) => typeof port === 'number' && databasePorts.has(port)) ? (error.code as string) : undefined;
}

/** Node's own error for a failed read or write on a connected socket: `{errno, code, syscall}` and nothing else. */
function isBareSocketError(error: Indexable): boolean {
  if (error.syscall !== 'read' && error.syscall !== 'write') return false;
  const keys = Object.keys(error).sort().join();
  return keys === 'code,errno,syscall';
}

/** The name TypeORM prints for an entity target: class, EntitySchema, or string. */
function entityNameOf(target: unknown): string | undefined {
  if (typeof target === 'function') return (target as { name?: string }).name || undefined;
  if (typeof target === 'string') return target;
  if (isObject(target)) {
    if (isObject(target.options) && typeof target.options.name === 'string') return target.options.name;
    if (typeof target.name === 'string') return target.name;
  }
  return undefined;
}
