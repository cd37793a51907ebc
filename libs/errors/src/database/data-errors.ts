import { ErrorWithStatus } from '../contract/api-error.js';
import {
  DATA_EXCEPTION,
  INVALID_CHARACTERS,
  INVALID_DATE_TIME,
  INVALID_VALUE_FOR_TYPE,
  LIMIT_EXCEEDED,
  NUMBER_OUT_OF_RANGE,
  VALUE_TOO_LONG,
} from '../codes/database.codes.js';
import { ErrorCode } from '../codes/error-code.js';
import { QueryFailure } from './failure.js';
import { FieldResolver } from './field-resolution.js';
import { DatabaseSituation } from './kinds.js';
import { subjectOf } from './naming.js';
import { PreparedOptions } from './prepared-options.js';

/** A value the column cannot take, and a program limit. */
export type DataSituation = Extract<
  DatabaseSituation,
  'too-long' | 'out-of-range' | 'invalid-text' | 'invalid-date-time' | 'invalid-bytes' | 'invalid-value' | 'too-large'
>;

/**
 * A value the database refused. MySQL names the column; PostgreSQL does not, so there the
 * field is the column of the one parameter that matches what the message says about the
 * value, and null when that is not certain.
 */
export function dataError(
  situation: DataSituation,
  failure: QueryFailure,
  options: PreparedOptions,
  fields: FieldResolver,
): ErrorWithStatus {
  const error = failure.driverError;
  const named = fields.columnField(error, failure);
  switch (situation) {
    case 'too-long': {
      const maxLength = error.maxLength ?? fields.maxLengthOf(error, failure);
      const field = named ?? (maxLength === undefined ? null : fields.tooLongField(failure, maxLength));
      return badValue(VALUE_TOO_LONG, field, { max_length: maxLength ?? null }, options);
    }
    case 'out-of-range': {
      const type = error.valueType;
      return badValue(
        NUMBER_OUT_OF_RANGE,
        named ?? printedValueField(failure, fields),
        type ? { type } : null,
        options,
      );
    }
    case 'invalid-text': {
      const type = error.valueType;
      const field = named ?? printedValueField(failure, fields);
      return badValue(INVALID_VALUE_FOR_TYPE, field, { type: type ?? null }, options, type ?? 'value');
    }
    case 'invalid-date-time':
      return badValue(INVALID_DATE_TIME, named ?? printedValueField(failure, fields), null, options);
    case 'invalid-bytes':
      return badValue(INVALID_CHARACTERS, named ?? fields.culpritField(failure, holdsNul, undefined), null, options);
    case 'invalid-value':
      return badValue(DATA_EXCEPTION, named, null, options);
    case 'too-large': {
      const rule = options.ruleFor(error);
      return options.emit(LIMIT_EXCEEDED, { field: rule?.field ?? null, details: null }, rule);
    }
  }
}

/** `type` fills `{type}` in the message when the code's template names it. */
function badValue(
  code: ErrorCode,
  field: string | null,
  details: Record<string, unknown> | null,
  options: PreparedOptions,
  type?: string,
): ErrorWithStatus {
  const subject = subjectOf(field, [], 'value');
  return options.emit(code, { field, details, params: type === undefined ? { subject } : { subject, type } });
}

/** The field of the parameter whose text the message quotes. */
function printedValueField(failure: QueryFailure, fields: FieldResolver): string | null {
  const value = failure.driverError.printedValue;
  return value === undefined ? null : fields.culpritField(failure, printsAs, value);
}

/** A number sent as a number is quoted by PostgreSQL as its text. */
function printsAs(value: unknown, text: string): boolean {
  return (
    (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') && String(value) === text
  );
}

/** A NUL in text, or the \u0000 escape inside a JSON document for jsonb. */
function holdsNul(value: unknown): boolean {
  return typeof value === 'string' && (value.includes('\u0000') || value.includes('\\u0000'));
}
