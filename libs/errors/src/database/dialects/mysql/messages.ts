/**
 * What MySQL's and MariaDB's messages say about a failure. Their errors have no fields
 * for the key, table or column (unlike PostgreSQL's), so these are read from the
 * message, from its end where a value could contain anything (MySQL quotes values
 * without escaping them). The readers return undefined for wording they do not know;
 * the translator then answers without a field rather than guessing. Nothing read here
 * is shown to a client except through the schema (a column becomes its field).
 *
 *     Duplicate entry 'a@b.c' for key 'users_email_key'            MariaDB, MySQL 5.7
 *     Duplicate entry 'a@b.c' for key 'users.users_email_key'      MySQL 8.0.19+
 *     Duplicate entry '7-Tom' for key 'owner_name'                 several columns, joined by '-'
 *     Cannot add or update a child row: a foreign key constraint fails (`db`.`posts`,
 *       CONSTRAINT `posts_author_fk` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`))
 *     Column 'email' cannot be null
 *     CONSTRAINT `users_age` failed for `db`.`users`                MariaDB's CHECK
 *     Check constraint 'users_age' is violated.                     MySQL 8's CHECK
 *     Data too long for column 'email' at row 1
 *     Incorrect integer value: 'abc' for column `db`.`users`.`age` at row 1   MariaDB
 *     Incorrect integer value: 'abc' for column 'age' at row 1                 MySQL 8
 */

/** A name in backquotes, `` `a``b` `` for a name holding a backquote. */
const BACKQUOTED = '`((?:[^`]|``)+)`';

function unbackquote(name: string): string {
  return name.replace(/``/gu, '`');
}

export interface DuplicateEntry {
  /** The key (index) name, without MySQL 8's `table.` prefix. */
  key: string;
  /** The table, when MySQL 8 prefixed the key with it. */
  table: string | undefined;
  /** The key's values as printed: one value, or several joined by '-'. */
  printedValue: string;
}

const DUPLICATE_ENTRY = /^Duplicate entry '([\s\S]*)' for key '([^']+)'$/u;

export function duplicateEntryIn(message: string): DuplicateEntry | undefined {
  const match = DUPLICATE_ENTRY.exec(message);
  if (!match) return undefined;
  const [, printedValue, printedKey] = match;
  const dot = printedKey.indexOf('.');
  // MySQL 8.0.19+ prints `table.key`; index names with a dot are possible but rare, and
  // the table prefix is what every MySQL 8 server prints.
  if (dot > 0 && dot < printedKey.length - 1) {
    return { key: printedKey.slice(dot + 1), table: printedKey.slice(0, dot), printedValue };
  }
  return { key: printedKey, table: undefined, printedValue };
}

/**
 * The values of a duplicate key: one value is the printed text itself; several are
 * joined by '-', which is ambiguous when a value holds a '-', so they are returned only
 * when the split gives exactly the key's column count.
 */
export function duplicateValues(printedValue: string, count: number | undefined): string[] | undefined {
  if (count === undefined || count === 1) return [printedValue];
  const values = printedValue.split('-');
  return values.length === count ? values : undefined;
}

export interface ForeignKeyFailure {
  schema: string;
  table: string;
  constraint: string;
  columns: string[];
  referencedTable: string;
}

const BACKQUOTED_LIST = '((?:`(?:[^`]|``)+`(?:, )?)+)';
const FOREIGN_KEY = new RegExp(
  `foreign key constraint fails \\(${BACKQUOTED}\\.${BACKQUOTED}, CONSTRAINT ${BACKQUOTED} ` +
    `FOREIGN KEY \\(${BACKQUOTED_LIST}\\) REFERENCES (?:${BACKQUOTED}\\.)?${BACKQUOTED}`,
  'u',
);

export function foreignKeyFailureIn(message: string): ForeignKeyFailure | undefined {
  const match = FOREIGN_KEY.exec(message);
  if (!match) return undefined;
  const [, schema, table, constraint, columnList, , referencedTable] = match;
  const columns = [...columnList.matchAll(/`((?:[^`]|``)+)`/gu)].map((column) => unbackquote(column[1]));
  return {
    schema: unbackquote(schema),
    table: unbackquote(table),
    constraint: unbackquote(constraint),
    columns,
    referencedTable: unbackquote(referencedTable),
  };
}

export interface NamedColumn {
  column: string;
  table: string | undefined;
  schema: string | undefined;
}

const QUOTED_COLUMN = /(?:[Cc]olumn|Field) '((?:[^']|'')+)'/u;
const BACKQUOTED_COLUMN = new RegExp(String.raw`column ((?:${BACKQUOTED}\.)*${BACKQUOTED})(?: at row \d+)?$`, 'u');

/**
 * The column a message names: `'email'` in MySQL's and most of MariaDB's messages,
 * `` `db`.`users`.`email` `` in MariaDB's wrong-value messages. The last quoted column
 * wins, so that a value printed before it cannot pose as the column.
 */
export function columnIn(message: string): NamedColumn | undefined {
  const qualified = BACKQUOTED_COLUMN.exec(message);
  if (qualified) {
    const parts = [...qualified[1].matchAll(/`((?:[^`]|``)+)`/gu)].map((part) => unbackquote(part[1]));
    const column = parts[parts.length - 1];
    return { column, table: parts[parts.length - 2], schema: parts[parts.length - 3] };
  }
  const tail = message.lastIndexOf(" for column '");
  const quoted = QUOTED_COLUMN.exec(tail >= 0 ? message.slice(tail) : message);
  return quoted ? { column: quoted[1].replace(/''/gu, "'"), table: undefined, schema: undefined } : undefined;
}

export interface CheckFailure {
  constraint: string;
  table: string | undefined;
  schema: string | undefined;
}

const MARIADB_CHECK = new RegExp(String.raw`^CONSTRAINT ${BACKQUOTED} failed for ${BACKQUOTED}\.${BACKQUOTED}$`, 'u');
const MYSQL_CHECK = /^Check constraint '((?:[^']|'')+)' is violated\.?$/u;

export function checkFailureIn(message: string): CheckFailure | undefined {
  const mariadb = MARIADB_CHECK.exec(message);
  if (mariadb) {
    return { constraint: unbackquote(mariadb[1]), schema: unbackquote(mariadb[2]), table: unbackquote(mariadb[3]) };
  }
  const mysql = MYSQL_CHECK.exec(message);
  return mysql ? { constraint: mysql[1].replace(/''/gu, "'"), table: undefined, schema: undefined } : undefined;
}

/**
 * The value types MySQL names in `Incorrect <type> value` that may be shown, in the
 * words PostgreSQL uses for the same type, so that the same failure gives the same
 * `details.type` on both (`decimal` is `numeric`).
 */
const SHOWN_TYPES: ReadonlyMap<string, string> = new Map([
  ['integer', 'integer'],
  ['decimal', 'numeric'],
  ['double', 'double precision'],
  ['float', 'real'],
  ['date', 'date'],
  ['time', 'time'],
  ['datetime', 'timestamp'],
  ['timestamp', 'timestamp'],
  ['year', 'year'],
  ['json', 'json'],
]);
const DATE_TIME_TYPES: ReadonlySet<string> = new Set(['date', 'time', 'datetime', 'timestamp', 'year']);

export interface WrongValue {
  /** The type in PostgreSQL's words, when it is one of MySQL's built-in types. */
  type: string | undefined;
  /** A date or time type: the answer is about a date, not a number. */
  dateTime: boolean;
  /** `Incorrect string value`: bytes the column's character set cannot hold. */
  badBytes: boolean;
}

const WRONG_VALUE = /^(?:Incorrect|Truncated incorrect) ([A-Za-z]+) value\b/u;

export function wrongValueIn(message: string): WrongValue | undefined {
  const named = WRONG_VALUE.exec(message)?.[1]?.toLowerCase();
  if (named === undefined) return undefined;
  return {
    type: SHOWN_TYPES.get(named),
    dateTime: DATE_TIME_TYPES.has(named),
    badBytes: named === 'string',
  };
}
