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
  if (isDatabaseConnectionFailure(exception, databasePorts)) {
    // No SQLSTATE on these: 08006 (connection_failure) is what they mean.
    const code = isNetworkErrorCode(exception.code) ? (exception.code as string) : '08006';
    return { kind: 'query', driverError: { code }, query: undefined, parameters: undefined, logged: exception };
  }
  return undefined;
}

export const DEFAULT_DATABASE_PORTS: ReadonlySet<number> = new Set([5432]);

/** pg and pg-pool's own wording when a connection cannot be made or dies (no code on these). */
const POOL_CONNECTION_MESSAGES = new Set([
  'timeout exceeded when trying to connect',
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
]);

/**
 * When the server is down, pg-pool rejects with Node's raw socket error (ECONNREFUSED...),
 * which TypeORM does not wrap. Such an error is claimed only when it concerns the
 * database's port, so that a failing call to another service is not reported as the
 * database being down.
 */
function isDatabaseConnectionFailure(error: Indexable, databasePorts: ReadonlySet<number>): boolean {
  if (typeof error.message === 'string' && POOL_CONNECTION_MESSAGES.has(error.message)) return true;
  return isNetworkErrorCode(error.code) && typeof error.port === 'number' && databasePorts.has(error.port);
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
