import { Indexable } from './failure.js';
import { DatabaseErrorFacts } from './kinds.js';

/**
 * Node's socket error codes that a driver reports when the server is unreachable or the
 * connection drops mid-query (pg and mysql2 alike).
 */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** PostgreSQL's and MySQL's default ports; a DataSource's own port is added at start-up. */
export const DEFAULT_DATABASE_PORTS: ReadonlySet<number> = new Set([5432, 3306]);

export function isNetworkErrorCode(code: unknown): code is string {
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

/**
 * A raw Node socket error that concerns the database, or undefined. When the server is
 * down, pools reject with Node's own error (ECONNREFUSED...), which ORMs do not wrap;
 * such an error is claimed only when it concerns a database port, so that a failing
 * call to another service is not reported as the database being down. Node's
 * happy-eyeballs connect (a host name with several addresses) reports an AggregateError
 * whose own errors carry the port. A socket that fails after it connected (`read
 * ECONNRESET`, `write EPIPE`) names no port at all: pg rejects a pooled connection that
 * the server cuts while it is being set up (a restart) with exactly that raw error, so a
 * bare Node socket error of a read or a write is claimed too; HTTP and other clients
 * wrap theirs (fetch's "fetch failed", AxiosError...). Without `databasePorts` (the
 * error came wrapped by an ORM as the cause of a failed query) any port is the database's.
 */
export function readSocketError(
  error: Indexable,
  databasePorts: ReadonlySet<number> | undefined,
): DatabaseErrorFacts | undefined {
  if (!isNetworkErrorCode(error.code)) return undefined;
  const facts: DatabaseErrorFacts = { dialect: undefined, code: error.code, situation: 'unavailable' };
  if (databasePorts === undefined || isBareSocketError(error)) return facts;
  const ports = [error.port, ...(Array.isArray(error.errors) ? error.errors.map((inner) => inner?.port) : [])];
  return ports.some((port) => typeof port === 'number' && databasePorts.has(port)) ? facts : undefined;
}

/** Node's own error for a failed read or write on a connected socket: `{errno, code, syscall}` and nothing else. */
function isBareSocketError(error: Indexable): boolean {
  if (error.syscall !== 'read' && error.syscall !== 'write') return false;
  const keys = Object.keys(error).sort().join();
  return keys === 'code,errno,syscall';
}
