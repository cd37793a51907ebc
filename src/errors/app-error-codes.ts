import { ErrorCode, defineErrorCode } from 'nest-error-contract';

// The sample app's own codes (application range 6000-9999), registered through
// ErrorsModule.forRoot({ codes: APP_ERROR_CODES }); docs/error-codes.md lists them.
// Once published, a code keeps its meaning: add new numbers, never reuse one.

// Users (60xx)
export const USER_NOT_FOUND = defineErrorCode('6001', 'USER_NOT_FOUND', 404, 'No user has the id {id}.', {
  details: '{ id: number }',
});
export const EMAIL_TAKEN = defineErrorCode('6002', 'EMAIL_TAKEN', 409, 'This email is already in use.', {
  details: '{ columns: string[] }',
  description: 'Unique constraint `users_email_key` (emails are stored lower-cased).',
});
export const USERNAME_TAKEN = defineErrorCode('6003', 'USERNAME_TAKEN', 409, 'This username is already in use.', {
  details: '{ columns: string[] }',
  description: 'Unique index `username_unique_lowercase` on lower(username): usernames differing only in case clash.',
});
export const USERNAME_TOO_LONG = defineErrorCode('6004', 'USERNAME_TOO_LONG', 400, 'Username is too long.', {
  details: '{ columns: string[], max_length: 30 }',
  description: 'Check constraint `username_length` (at most 30 characters).',
});
export const USERNAME_INVALID_CHARACTERS = defineErrorCode(
  '6005',
  'USERNAME_INVALID_CHARACTERS',
  400,
  'Username contains invalid characters. Alphanumeric only.',
  {
    details: '{ columns: string[] }',
    description: 'Check constraint `username_valid_characters` (letters and digits only, at least one).',
  },
);

// Tables (61xx)
export const TABLE_NOT_FOUND = defineErrorCode('6101', 'TABLE_NOT_FOUND', 404, 'No table has the id {id}.', {
  details: '{ id: number }',
});
export const TABLE_NAME_TAKEN = defineErrorCode(
  '6102',
  'TABLE_NAME_TAKEN',
  409,
  'There is already a table with the same name.',
  { details: '{ columns: string[] }', description: 'Unique constraint `tables_name_key`.' },
);

// Columns (62xx)
export const COLUMN_NOT_FOUND = defineErrorCode('6201', 'COLUMN_NOT_FOUND', 404, 'No column has the id {id}.', {
  details: '{ id: number }',
});
export const COLUMN_NAME_TAKEN = defineErrorCode(
  '6202',
  'COLUMN_NAME_TAKEN',
  409,
  'There is already a column with the same name.',
  {
    details: '{ columns: string[] } | null',
    description:
      'The table already has a column of that name (the `id` column and PostgreSQL system columns included); unique constraint `columns_table_id_name_key` backs it.',
  },
);
export const UNKNOWN_COLUMN_TYPE = defineErrorCode('6203', 'UNKNOWN_COLUMN_TYPE', 400, '{type} is not a valid type.', {
  details: '{ available_types: string[] }',
});
export const TYPE_OPTIONS_NOT_ALLOWED = defineErrorCode(
  '6204',
  'TYPE_OPTIONS_NOT_ALLOWED',
  400,
  'The type {type} takes no options.',
  { details: '{ type: string }', description: '`type_options` sent for BOOLEAN, DATE, INTEGER or TEXT.' },
);
export const UNKNOWN_TYPE_OPTION = defineErrorCode(
  '6205',
  'UNKNOWN_TYPE_OPTION',
  400,
  'The type {type} has no option {option}.',
  { details: '{ type: string, option: string, available_options: string[] }' },
);
export const INVALID_TYPE_OPTION = defineErrorCode(
  '6206',
  'INVALID_TYPE_OPTION',
  400,
  '{option} must be an integer from {min} to {max}.',
  {
    details: '{ option: string, min: number, max: number | null }',
    description: 'A `type_options` value out of its range (or NUMERIC `scale` without `precision`, or above it).',
  },
);
export const COLUMN_DATA_NOT_CONVERTIBLE = defineErrorCode(
  '6207',
  'COLUMN_DATA_NOT_CONVERTIBLE',
  400,
  'Existing data in the column cannot be converted to {type}.',
  {
    details: '{ type: string, reason: string }',
    description:
      'PATCH /columns/:id changed the type and ALTER TABLE ... USING failed on a stored value. `reason` is one of invalid_value, too_long, out_of_range, invalid_date, not_unique.',
  },
);

// Constraints and records of user tables (63xx)
export const UNKNOWN_COLUMN = defineErrorCode(
  '6301',
  'UNKNOWN_COLUMN',
  400,
  'There is no column {column} in this table.',
  {
    details: '{ column: string }',
  },
);
export const DUPLICATE_VALUES = defineErrorCode(
  '6302',
  'DUPLICATE_VALUES',
  409,
  'Existing records have duplicate values in these columns, so they cannot be made unique.',
  { details: '{ columns: string[] }' },
);
export const RECORD_VALUE_NOT_SCALAR = defineErrorCode(
  '6303',
  'RECORD_VALUE_NOT_SCALAR',
  400,
  'The value of {column} must be a string, a number, a boolean or null.',
  { details: '{ column: string }' },
);

export const APP_ERROR_CODES: readonly ErrorCode[] = [
  USER_NOT_FOUND,
  EMAIL_TAKEN,
  USERNAME_TAKEN,
  USERNAME_TOO_LONG,
  USERNAME_INVALID_CHARACTERS,
  TABLE_NOT_FOUND,
  TABLE_NAME_TAKEN,
  COLUMN_NOT_FOUND,
  COLUMN_NAME_TAKEN,
  UNKNOWN_COLUMN_TYPE,
  TYPE_OPTIONS_NOT_ALLOWED,
  UNKNOWN_TYPE_OPTION,
  INVALID_TYPE_OPTION,
  COLUMN_DATA_NOT_CONVERTIBLE,
  UNKNOWN_COLUMN,
  DUPLICATE_VALUES,
  RECORD_VALUE_NOT_SCALAR,
];
