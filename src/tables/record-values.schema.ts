import { DatabaseCodes, ErrorCode } from 'nest-error-contract';
import { z } from 'zod';
import { RECORD_VALUE_NOT_SCALAR, UNKNOWN_COLUMN } from '../errors/app-error-codes';
import { shownName } from './column-names';
import { TableColumn } from './table-column.entity';

/**
 * The schema of a record's `values`, built at run time from the table's columns: a shape
 * no DTO decorator can express. Each value is checked for what can be told without the
 * database, every failure answered with the code PostgreSQL's own refusal gets on this
 * route (or the app's), so a client gets one error per bad value instead of the first
 * one the database names. PostgreSQL stays the judge of the rest (a string's syntax for
 * a number or a date, a numeric's precision), attributed by RecordsService.
 */
export function recordValuesSchema(columns: readonly TableColumn[]) {
  const shape = Object.fromEntries(columns.map((column) => [column.name, columnValueSchema(column)]));
  const known = new Set(columns.map((column) => column.name));
  // Read from the request's own object: an object schema's output holds the known keys
  // only, and a copy could not even carry an own `__proto__` key.
  const unknownKeys = z.unknown().check((context) => {
    for (const key of Object.keys(context.value as object)) {
      if (!known.has(key)) {
        const problem = occurrence(UNKNOWN_COLUMN, { column: key }, { column: shownName(key) });
        context.issues.push({ ...problem, path: [key], input: context.value });
      }
    }
  });
  return z.intersection(unknownKeys, z.looseObject(shape));
}

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A UTF-16 surrogate not part of a pair (JSON allows `"\ud800"`); a pair is one code point under /u. */
const LONE_SURROGATE = /\p{Surrogate}/u;

const INT4 = { min: -2147483648, max: 2147483647 };
/** The numbers PostgreSQL's boolean input accepts (as text); any other number is refused. */
const BOOLEAN_NUMBERS = new Set(['0', '1']);

/** One issue of a refinement: the app's (or the library's) code, with its details and template values. */
function occurrence(code: ErrorCode, details: Record<string, unknown> | null, params: Record<string, unknown>) {
  return { code: 'custom' as const, params: { errorCode: code, details, params } };
}

function columnValueSchema(column: TableColumn) {
  // Optional: a column the request leaves out gets its default
  return z
    .unknown()
    .check((context) => {
      const problem = valueProblem(column, context.value);
      if (problem) context.issues.push({ ...problem, input: context.value });
    })
    .optional();
}

/** What is wrong with one value for its column, as far as it can be told without the database. */
function valueProblem(column: TableColumn, value: unknown) {
  const name = column.name;
  if (value === undefined || value === null) return undefined;
  if (!isScalar(value)) return occurrence(RECORD_VALUE_NOT_SCALAR, { column: name }, { column: shownName(name) });
  const text = String(value);
  const valueFor = { subject: `value for ${name}` };
  // A lone surrogate: the driver would silently store U+FFFD instead. INVALID_CHARACTERS,
  // the code PostgreSQL's own refusal of a NUL gets on this route (MariaDB stores a NUL,
  // so that one is left to the database), so a client handles "cannot be stored" once.
  if (LONE_SURROGATE.test(text)) {
    return occurrence(DatabaseCodes.INVALID_CHARACTERS, null, valueFor);
  }
  switch (column.type) {
    case 'VARCHAR': {
      const length = column.type_options?.length;
      // PostgreSQL cuts excess spaces off silently and refuses any other excess.
      if (length !== undefined && [...text.replace(/ +$/u, '')].length > length) {
        return occurrence(DatabaseCodes.VALUE_TOO_LONG, { max_length: length }, valueFor);
      }
      return undefined;
    }
    case 'INTEGER':
      // A string's syntax is PostgreSQL's to judge (it accepts ' 12 ', 1_000, 0x1F)
      if (typeof value === 'string') return undefined;
      if (typeof value === 'boolean' || !/^-?\d+$/u.test(text)) {
        return occurrence(DatabaseCodes.INVALID_VALUE_FOR_TYPE, { type: 'integer' }, valueFor);
      }
      if (value < INT4.min || value > INT4.max) {
        return occurrence(DatabaseCodes.NUMBER_OUT_OF_RANGE, { type: 'integer' }, { subject: `${name} column` });
      }
      return undefined;
    case 'BOOLEAN':
      if (typeof value === 'number' && !BOOLEAN_NUMBERS.has(text)) {
        return occurrence(DatabaseCodes.INVALID_VALUE_FOR_TYPE, { type: 'boolean' }, valueFor);
      }
      return undefined;
    default:
      return undefined;
  }
}
