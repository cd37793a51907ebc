import { DomainError, ErrorCollector, InvalidInputError } from 'nest-error-contract';
import { shownName } from './column-names';
import {
  INVALID_TYPE_OPTION,
  TYPE_OPTIONS_NOT_ALLOWED,
  UNKNOWN_COLUMN_TYPE,
  UNKNOWN_TYPE_OPTION,
} from '../errors/app-error-codes';

/**
 * The column types a client may choose: a whitelist, so no text from the request ever
 * becomes SQL. Option values are checked to be integers in range before they are
 * written into a type (`numeric(10, 2)`), so they are safe too.
 */
export const COLUMN_TYPES = ['BOOLEAN', 'DATE', 'INTEGER', 'NUMERIC', 'TEXT', 'VARCHAR'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export type TypeOptions = { precision?: number; scale?: number; length?: number };

interface OptionRule {
  min: number;
  max: number;
}

const OPTIONS: Record<ColumnType, Record<string, OptionRule>> = {
  BOOLEAN: {},
  DATE: {},
  INTEGER: {},
  NUMERIC: { precision: { min: 1, max: 1000 }, scale: { min: 0, max: 1000 } },
  TEXT: {},
  VARCHAR: { length: { min: 1, max: 10485760 } },
};

/** The base PostgreSQL type a client's text is cast to (no length or precision: see `sqlType`). */
const BASE_TYPES: Record<ColumnType, string> = {
  BOOLEAN: 'boolean',
  DATE: 'date',
  INTEGER: 'integer',
  NUMERIC: 'numeric',
  TEXT: 'text',
  VARCHAR: 'varchar',
};

export function isColumnType(value: string): value is ColumnType {
  return (COLUMN_TYPES as readonly string[]).includes(value);
}

/** The type as PostgreSQL writes it: `varchar(20)`, `numeric(10,2)`, `integer`. */
export function sqlType(type: ColumnType, options: TypeOptions | null): string {
  if (type === 'NUMERIC' && options?.precision !== undefined) {
    return options.scale !== undefined
      ? `numeric(${options.precision},${options.scale})`
      : `numeric(${options.precision})`;
  }
  if (type === 'VARCHAR' && options?.length !== undefined) return `varchar(${options.length})`;
  return BASE_TYPES[type];
}

/**
 * The type without its modifier. A client's text is cast explicitly to this, and the
 * column's own modifier is then applied as an assignment: an explicit cast to
 * `varchar(5)` would silently truncate, an assignment rejects a longer value (22001).
 */
export function baseType(type: ColumnType): string {
  return BASE_TYPES[type];
}

/** Types whose values the API returns as text (numeric keeps its digits, date stays a plain date). */
export function readsAsText(type: ColumnType): boolean {
  return type === 'NUMERIC' || type === 'DATE';
}

export interface CheckedType {
  type: ColumnType;
  options: TypeOptions | null;
}

/**
 * Checks a requested type and its options, adding every problem to `problems` (so a
 * PATCH can report them together with others). Returns the checked type, or undefined
 * when there were problems.
 */
export function checkType(rawType: string, rawOptions: unknown, problems: ErrorCollector): CheckedType | undefined {
  const type = rawType.toUpperCase();
  if (!isColumnType(type)) {
    problems.add(
      new DomainError(UNKNOWN_COLUMN_TYPE, {
        field: 'type',
        // An empty or blank type would leave the sentence without a subject.
        params: { type: rawType.trim() === '' ? 'An empty string' : rawType },
        details: { available_types: [...COLUMN_TYPES] },
      }),
    );
    return undefined;
  }
  const options = checkOptions(type, rawOptions, problems);
  return options === false ? undefined : { type, options };
}

function checkOptions(type: ColumnType, raw: unknown, problems: ErrorCollector): TypeOptions | null | false {
  if (raw === undefined || raw === null) return null;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) return null;
  const rules = OPTIONS[type];
  const available = Object.keys(rules);
  if (available.length === 0) {
    problems.add(
      new DomainError(TYPE_OPTIONS_NOT_ALLOWED, { field: 'type_options', params: { type }, details: { type } }),
    );
    return false;
  }
  const before = problems.size;
  const options: TypeOptions = {};
  for (const [option, value] of entries) {
    // 13,000 unknown keys are one answer of 100 objects, not 13,000 errors built.
    if (problems.full) break;
    // Own keys only: `rules.toString` is Object.prototype's, not an option.
    const rule = Object.hasOwn(rules, option) ? rules[option] : undefined;
    const field = `type_options.${option}`;
    if (!rule) {
      problems.add(
        new DomainError(UNKNOWN_TYPE_OPTION, {
          field,
          params: { type, option: shownName(option) },
          details: { type, option, available_options: available },
        }),
      );
    } else if (!Number.isInteger(value) || (value as number) < rule.min || (value as number) > rule.max) {
      problems.add(optionOutOfRange(field, option, rule));
    } else {
      options[option as keyof TypeOptions] = value as number;
    }
  }
  if (type === 'NUMERIC' && options.scale !== undefined) {
    if (options.precision === undefined) {
      problems.add(
        new InvalidInputError('scale can only be given together with precision.', {
          code: INVALID_TYPE_OPTION,
          field: 'type_options.scale',
          details: { option: 'scale', min: 0, max: null },
        }),
      );
    } else if (options.scale > options.precision) {
      problems.add(optionOutOfRange('type_options.scale', 'scale', { min: 0, max: options.precision }));
    }
  }
  return problems.size > before ? false : options;
}

function optionOutOfRange(field: string, option: string, rule: OptionRule): DomainError {
  const details = { option, min: rule.min, max: rule.max };
  return new DomainError(INVALID_TYPE_OPTION, { field, details });
}
