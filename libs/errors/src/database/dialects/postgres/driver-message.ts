/**
 * What PostgreSQL's message says about a bad value, for data errors (22xxx) that name no
 * column. The type is shown to the client (it is the column's type); the value never is:
 * it only serves to find the parameter that carried it.
 *
 *     value too long for type character varying(30)
 *     invalid input syntax for type uuid: "abc"
 *     value "9999999999" is out of range for type integer
 *     smallint out of range
 *     date/time field value out of range: "2024-02-30"
 */

const MAX_LENGTH = /\((\d+)\)\s*$/u;
const FOR_TYPE = /\bfor type ([a-z][a-z0-9_ ]*?)(?::|$)/iu;
const TYPE_OUT_OF_RANGE = /^([a-z]+) out of range$/iu;
const QUOTED_VALUE = /"((?:[^"]|"")*)"/u;
/** `... for encoding "UTF8"`: an encoding name in quotes, which is not the value. */
const ENCODING_NAME = /^[^:]*?encoding "[^"]*"/u;

/**
 * Only PostgreSQL's own type names are shown: an enum's or domain's name belongs to the
 * app's schema, which stays private.
 */
const BUILT_IN_TYPES: ReadonlySet<string> = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double precision',
  'boolean',
  'uuid',
  'date',
  'time',
  'time without time zone',
  'time with time zone',
  'timestamp',
  'timestamp without time zone',
  'timestamp with time zone',
  'interval',
  'json',
  'jsonb',
  'inet',
  'cidr',
  'macaddr',
  'money',
  'bytea',
  'bit',
  'bit varying',
  'oid',
  'point',
  'xml',
]);

/** `value too long for type character varying(30)` -> 30. */
export function maxLengthIn(message: string): number | undefined {
  const match = MAX_LENGTH.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** The value's type, when it is one of PostgreSQL's built-in types. */
export function builtInTypeIn(message: string): string | undefined {
  const named = FOR_TYPE.exec(message)?.[1] ?? TYPE_OUT_OF_RANGE.exec(message)?.[1];
  return named !== undefined && BUILT_IN_TYPES.has(named.toLowerCase()) ? named : undefined;
}

/** The offending value as the message quotes it. */
export function quotedValueIn(message: string): string | undefined {
  return QUOTED_VALUE.exec(message.replace(ENCODING_NAME, ''))?.[1];
}
