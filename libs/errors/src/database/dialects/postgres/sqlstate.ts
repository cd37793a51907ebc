import { DatabaseSituation } from '../../kinds.js';

/**
 * PostgreSQL's SQLSTATEs as kinds of failure. Classification follows Spring's
 * SQLStateSQLExceptionTranslator: exact SQLSTATE first, then its two-character class
 * (22 data, 23 integrity, 40 transaction rollback, 54 limits, 08/53/57 resources), and
 * anything else is a bug in the app (class 42 syntax/undefined objects included).
 */
const BY_SQLSTATE: ReadonlyMap<string, DatabaseSituation> = new Map<string, DatabaseSituation>([
  ['23505', 'unique'],
  ['23P01', 'exclusion'],
  ['23503', 'foreign-key'],
  ['23001', 'restrict'],
  ['23502', 'not-null'],
  ['23514', 'check'],
  ['22001', 'too-long'],
  ['22003', 'out-of-range'],
  ['22P02', 'invalid-text'],
  ['22007', 'invalid-date-time'],
  ['22008', 'invalid-date-time'],
  ['22021', 'invalid-bytes'],
  ['22P05', 'invalid-bytes'], // untranslatable_character: \u0000 in jsonb
  ['40001', 'serialization'],
  ['40P01', 'deadlock'],
  ['55P03', 'lock-timeout'], // lock_not_available: lock_timeout or NOWAIT
  ['25006', 'read-only'], // read_only_sql_transaction: a standby, or default_transaction_read_only
  ['57014', 'timeout'], // query_canceled: statement_timeout or pg_cancel_backend
  ['57P01', 'unavailable'], // admin_shutdown (also pg_terminate_backend)
  ['57P02', 'unavailable'], // crash_shutdown
  ['57P03', 'unavailable'], // cannot_connect_now (starting up, recovery)
  ['57P05', 'unavailable'], // idle_session_timeout closed the connection
  ['25P03', 'unavailable'], // idle_in_transaction_session_timeout closed the connection
]);

const BY_CLASS: ReadonlyMap<string, DatabaseSituation> = new Map<string, DatabaseSituation>([
  ['22', 'invalid-value'], // data exception: a value the statement cannot use (division by zero, bad array...)
  ['23', 'integrity'],
  ['54', 'too-large'], // program limit exceeded: an index row too big, too many columns
  ['08', 'unavailable'], // connection exception
  ['53', 'unavailable'], // insufficient resources: too many connections, out of memory, disk full
]);

/** Node's socket error codes (ECONNREFUSED...) kept as codes of connection failures. */
const NETWORK_CODE = /^E[A-Z_]+$/u;

export function isSqlState(code: unknown): code is string {
  return typeof code === 'string' && /^[0-9A-Z]{5}$/u.test(code);
}

export function classifySqlState(code: string): DatabaseSituation {
  if (NETWORK_CODE.test(code)) return 'unavailable';
  return BY_SQLSTATE.get(code) ?? BY_CLASS.get(code.slice(0, 2)) ?? 'bug';
}
