import { DatabaseSituation } from '../../kinds.js';

/**
 * MySQL's and MariaDB's server error numbers (`errno`) as kinds of failure. The number,
 * not mysql2's `code` name, is what counts: mysql2 names errors after MySQL's list, and
 * MariaDB reuses some numbers for other errors (4025 is MariaDB's failed CHECK, with
 * SQLSTATE 23000, and an InnoDB setting on MySQL 8, with HY000), so the numbers that
 * differ are told apart by SQLSTATE in `situationOf`.
 */
const BY_ERRNO: ReadonlyMap<number, DatabaseSituation> = new Map<number, DatabaseSituation>([
  [1062, 'unique'], // ER_DUP_ENTRY: Duplicate entry '...' for key '...'
  [1586, 'unique'], // ER_DUP_ENTRY_WITH_KEY_NAME
  [1022, 'unique'], // ER_DUP_KEY: names the table, not the key
  [1169, 'unique'], // ER_DUP_UNIQUE
  [1452, 'foreign-key'], // ER_NO_REFERENCED_ROW_2: a missing parent
  [1216, 'foreign-key'], // ER_NO_REFERENCED_ROW (without the constraint)
  [1451, 'foreign-key'], // ER_ROW_IS_REFERENCED_2: a parent still referenced
  [1217, 'foreign-key'], // ER_ROW_IS_REFERENCED (without the constraint)
  [1048, 'not-null'], // ER_BAD_NULL_ERROR: Column '...' cannot be null
  [1364, 'not-null'], // ER_NO_DEFAULT_FOR_FIELD: Field '...' doesn't have a default value
  [1263, 'not-null'], // ER_WARN_NULL_TO_NOTNULL (multi-row insert in strict mode)
  [3819, 'check'], // MySQL 8 ER_CHECK_CONSTRAINT_VIOLATED: Check constraint '...' is violated.
  [1406, 'too-long'], // ER_DATA_TOO_LONG: Data too long for column '...' at row 1
  [1264, 'out-of-range'], // ER_WARN_DATA_OUT_OF_RANGE: Out of range value for column '...' at row 1
  [1690, 'out-of-range'], // ER_DATA_OUT_OF_RANGE: an expression's result (BIGINT UNSIGNED ...)
  [1366, 'invalid-text'], // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: Incorrect integer value: '...' for column ...
  [1292, 'invalid-text'], // ER_TRUNCATED_WRONG_VALUE: Incorrect datetime value / Truncated incorrect DOUBLE value
  [1367, 'invalid-text'], // ER_ILLEGAL_VALUE_FOR_TYPE
  [3140, 'invalid-text'], // MySQL 8 ER_INVALID_JSON_TEXT
  [1265, 'invalid-value'], // WARN_DATA_TRUNCATED: an enum's unknown value, a number that does not fit
  [1365, 'invalid-value'], // ER_DIVISION_BY_ZERO
  [1411, 'invalid-date-time'], // ER_WRONG_VALUE_FOR_TYPE: str_to_date and friends
  [1118, 'too-large'], // ER_TOO_BIG_ROWSIZE
  [1071, 'too-large'], // ER_TOO_LONG_KEY
  [1117, 'too-large'], // ER_TOO_MANY_FIELDS
  [1213, 'deadlock'], // ER_LOCK_DEADLOCK: the transaction was rolled back
  [1205, 'lock-timeout'], // ER_LOCK_WAIT_TIMEOUT (innodb_lock_wait_timeout, and MariaDB's NOWAIT/WAIT n)
  [3572, 'lock-timeout'], // MySQL 8 ER_LOCK_NOWAIT
  [3024, 'timeout'], // MySQL ER_QUERY_TIMEOUT: max_execution_time
  [1969, 'timeout'], // MariaDB ER_STATEMENT_TIMEOUT: max_statement_time
  [1317, 'timeout'], // ER_QUERY_INTERRUPTED: KILL QUERY
  [1040, 'unavailable'], // ER_CON_COUNT_ERROR: Too many connections
  [1203, 'unavailable'], // ER_TOO_MANY_USER_CONNECTIONS
  [1226, 'unavailable'], // ER_USER_LIMIT_REACHED: max_user_connections and the like
  [1053, 'unavailable'], // ER_SERVER_SHUTDOWN
  [1927, 'unavailable'], // MariaDB ER_CONNECTION_KILLED: KILL of the session
  [4031, 'unavailable'], // MySQL 8 ER_CLIENT_INTERACTION_TIMEOUT: wait_timeout closed the session
  [1152, 'unavailable'], // ER_ABORTING_CONNECTION
  [1184, 'unavailable'], // ER_NEW_ABORTING_CONNECTION
  [1129, 'unavailable'], // ER_HOST_IS_BLOCKED
  [1041, 'unavailable'], // ER_OUT_OF_RESOURCES
  [1021, 'unavailable'], // ER_DISK_FULL
  [2002, 'unavailable'], // CR_CONNECTION_ERROR (C clients)
  [2003, 'unavailable'], // CR_CONN_HOST_ERROR
  [2006, 'unavailable'], // CR_SERVER_GONE_ERROR
  [2013, 'unavailable'], // CR_SERVER_LOST
  [1792, 'read-only'], // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
  [1836, 'read-only'], // ER_READ_ONLY_MODE
]);

/** MariaDB's ER_CONSTRAINT_FAILED: CONSTRAINT `...` failed for `db`.`table`. */
const MARIADB_CHECK_FAILED = 4025;
/** ER_OPTION_PREVENTS_STATEMENT: --read-only, and also --secure-file-priv and the like. */
const OPTION_PREVENTS_STATEMENT = 1290;

export function situationOf(errno: number, sqlState: string | undefined, message: string): DatabaseSituation {
  if (errno === MARIADB_CHECK_FAILED) return sqlState === '23000' ? 'check' : 'bug';
  if (errno === OPTION_PREVENTS_STATEMENT) return /read[-_ ]only/iu.test(message) ? 'read-only' : 'bug';
  const known = BY_ERRNO.get(errno);
  if (known) return known;
  // Unknown numbers by their SQLSTATE class, as PostgreSQL's are: 23 integrity, 22 data, 08 connection.
  switch (sqlState?.slice(0, 2)) {
    case '23':
      return 'integrity';
    case '22':
      return 'invalid-value';
    case '08':
      return 'unavailable';
    case '40':
      return 'serialization';
    default:
      return 'bug';
  }
}

/**
 * mysql2's own errors, which carry a code and no errno: the connection died or was
 * closed, the pool was closed or full, a query outlived the client-side `timeout`.
 */
export const CLIENT_CODES: ReadonlyMap<string, DatabaseSituation> = new Map<string, DatabaseSituation>([
  ['PROTOCOL_CONNECTION_LOST', 'unavailable'],
  ['PROTOCOL_ENQUEUE_AFTER_QUIT', 'unavailable'],
  ['PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR', 'unavailable'],
  ['PROTOCOL_SEQUENCE_TIMEOUT', 'timeout'],
  ['POOL_NONEONLINE', 'unavailable'],
]);

/** mysql2's code-less errors, by their wording. */
export const CLIENT_MESSAGES: ReadonlyMap<string, DatabaseSituation> = new Map<string, DatabaseSituation>([
  ["Can't add new command when connection is in closed state", 'unavailable'],
  ['Pool is closed.', 'unavailable'],
  ['No connections available.', 'unavailable'],
  ['Queue limit reached.', 'unavailable'],
]);
