/**
 * What went wrong, as far as the client is concerned, whatever the database: each
 * dialect (dialects/postgres, dialects/mysql) maps its own error numbers to one of these
 * kinds, and the kinds decide the code, the status and the answer. The same kind is the
 * same `error_code` on every database.
 */
export type DatabaseSituation =
  | 'unique'
  | 'exclusion'
  | 'foreign-key'
  | 'restrict'
  | 'not-null'
  | 'check'
  | 'integrity'
  | 'too-long'
  | 'out-of-range'
  | 'invalid-text'
  | 'invalid-date-time'
  | 'invalid-bytes'
  | 'invalid-value'
  | 'too-large'
  | 'serialization'
  | 'deadlock'
  | 'lock-timeout'
  | 'timeout'
  | 'unavailable'
  | 'read-only'
  | 'bug';

/**
 * Kinds after which re-running the whole transaction can succeed: it lost a race
 * (serialization failure, deadlock) or waited too long for a row another transaction
 * held (a lock timeout, NOWAIT).
 */
export const RETRYABLE_SITUATIONS: ReadonlySet<DatabaseSituation> = new Set<DatabaseSituation>([
  'serialization',
  'deadlock',
  'lock-timeout',
]);

/** The database a failure came from, as far as it could be told. */
export type DatabaseDialectName = 'postgres' | 'mysql';

/** What a database error is, as `readDatabaseFailure` reports it. */
export interface DatabaseErrorSummary {
  /** The database that said it; undefined for a socket error or an ORM's own connection error. */
  dialect: DatabaseDialectName | undefined;
  /** The driver's own code (a SQLSTATE, a MySQL error number, a socket error code), for logs and tests. */
  code: string;
  situation: DatabaseSituation;
  /** The constraint, or the index behind a MySQL unique key, the error names. */
  constraint?: string;
  /** The table the error names (for a foreign key: the referencing table). */
  table?: string;
  schema?: string;
  /** The column the error names (not null, and MySQL's data errors). */
  column?: string;
}

/**
 * What a dialect reads from its driver's error: the kind of failure and the facts its
 * fields and message carry. The facts serve only to find the request field; the
 * driver's text itself never reaches a client.
 */
export interface DatabaseErrorFacts extends DatabaseErrorSummary {
  /** The key's columns as the message prints them, when no registry or schema knows the constraint. */
  keyColumns?: readonly string[];
  /** The key's values as text (shown only when the app opts in); `count` is the key's known column count. */
  keyValues?: (count: number | undefined) => string[] | undefined;
  /** For foreign keys: the referenced table, when the message names it. */
  referencedTable?: string;
  /** For foreign keys: true when a referenced row was deleted or re-keyed, false when a missing parent was named. */
  stillReferenced?: boolean;
  /** The message's wording about the direction, the weakest clue (the statement is read before it). */
  stillReferencedWording?: boolean;
  /** The column's length limit, when the message says it. */
  maxLength?: number;
  /** The value's type, when it is one of the database's built-in types (an app's enum name stays private). */
  valueType?: string;
  /** The bad value as the message quotes it: only to find the parameter that carried it, never shown. */
  printedValue?: string;
}
