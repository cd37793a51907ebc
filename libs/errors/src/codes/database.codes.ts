import { ErrorCode, defineErrorCode } from './error-code.js';

// Database codes (3000-3999): kinds of database failure, the same code for the same kind
// on PostgreSQL (by SQLSTATE) and MySQL/MariaDB (by error number), whether TypeORM,
// Drizzle or a raw driver reported it. Messages name the field in words
// ({subject}: "email", "first name", "combination of owner and name"); they never carry
// driver text, SQL, table or constraint names. Bugs in the app's SQL (class 42, anything
// unknown) answer with INTERNAL_ERROR (5000) instead: the client can do nothing about them.

export const UNIQUE_VIOLATION = defineErrorCode('3001', 'UNIQUE_VIOLATION', 409, 'This {subject} is already in use.', {
  details: '{ columns: string[], values?: unknown[] } | null',
  description:
    'SQLSTATE 23505; MySQL/MariaDB 1062 (the key name is mapped like a constraint name). `field` is the property behind a one-column constraint or index; with several columns `field` is null and `details.columns` lists them. `values` only where the app opts in.',
});
export const EXCLUSION_VIOLATION = defineErrorCode(
  '3002',
  'EXCLUSION_VIOLATION',
  409,
  'This {subject} conflicts with an existing record.',
  {
    details: '{ columns: string[] } | null',
    description: 'SQLSTATE 23P01: an exclusion constraint (for example overlapping bookings).',
  },
);
export const REFERENCED_RECORD_NOT_FOUND = defineErrorCode(
  '3003',
  'REFERENCED_RECORD_NOT_FOUND',
  400,
  'The {subject} refers to a record that does not exist.',
  {
    details: '{ columns: string[], resource: string | null } | null',
    description:
      'SQLSTATE 23503 on insert/update of the referencing row, MySQL/MariaDB 1452/1216: the foreign key names a missing row.',
  },
);
export const RECORD_STILL_REFERENCED = defineErrorCode(
  '3004',
  'RECORD_STILL_REFERENCED',
  409,
  'This {resource} cannot be deleted or changed because {referenced_by} records still refer to it.',
  {
    details: '{ resource: string | null, referenced_by: string | null }',
    description:
      'SQLSTATE 23503 on delete/update of a referenced row, or 23001 (restrict); MySQL/MariaDB 1451/1217. `field` is null.',
  },
);
export const NOT_NULL_VIOLATION = defineErrorCode('3005', 'NOT_NULL_VIOLATION', 400, 'The {subject} is required.', {
  description: 'SQLSTATE 23502; MySQL/MariaDB 1048, 1364, 1263. `field` is the property behind the column.',
});
export const CHECK_VIOLATION = defineErrorCode('3006', 'CHECK_VIOLATION', 400, 'The {subject} is not valid.', {
  details: '{ columns: string[] } | null',
  description:
    'SQLSTATE 23514; MySQL 3819, MariaDB 4025. `field` and the message come from the constraint registry, else from the checked columns.',
});
export const INTEGRITY_VIOLATION = defineErrorCode(
  '3007',
  'INTEGRITY_VIOLATION',
  400,
  'The request breaks a rule of the stored data.',
  { description: 'Any other SQLSTATE of class 23 (integrity constraint violation).' },
);
export const VALUE_TOO_LONG = defineErrorCode('3010', 'VALUE_TOO_LONG', 400, 'The {subject} is too long.', {
  details: '{ max_length: number | null }',
  description:
    'SQLSTATE 22001; MySQL/MariaDB 1406. `max_length` comes from the column type (on MySQL from the schema); `field` where the failing value can be told.',
});
export const NUMBER_OUT_OF_RANGE = defineErrorCode(
  '3011',
  'NUMBER_OUT_OF_RANGE',
  400,
  'A number is out of the range the {subject} can hold.',
  { details: '{ type: string | null } | null', description: 'SQLSTATE 22003; MySQL/MariaDB 1264, 1690.' },
);
export const INVALID_VALUE_FOR_TYPE = defineErrorCode(
  '3012',
  'INVALID_VALUE_FOR_TYPE',
  400,
  'The {subject} is not a valid {type}.',
  {
    details: '{ type: string | null }',
    description:
      'SQLSTATE 22P02, MySQL/MariaDB 1366/1292: text that cannot be read as the column type (a malformed uuid, number, boolean...).',
  },
);
export const INVALID_DATE_TIME = defineErrorCode(
  '3013',
  'INVALID_DATE_TIME',
  400,
  'The {subject} is not a valid date or time.',
  {
    description:
      'SQLSTATE 22007 (invalid format) or 22008 (field out of range, for example February 30); MySQL/MariaDB 1292/1366 on a date or time.',
  },
);
export const INVALID_CHARACTERS = defineErrorCode(
  '3014',
  'INVALID_CHARACTERS',
  400,
  'The {subject} contains characters that cannot be stored (such as a NUL byte).',
  {
    description:
      'SQLSTATE 22021 (invalid byte sequence) or 22P05 (a character the type cannot hold, such as \\u0000 in jsonb).',
  },
);
export const DATA_EXCEPTION = defineErrorCode(
  '3015',
  'DATA_EXCEPTION',
  400,
  'The {subject} is not a value the database accepts.',
  {
    description: 'Any other SQLSTATE of class 22 (data exception).',
  },
);
export const LIMIT_EXCEEDED = defineErrorCode(
  '3016',
  'LIMIT_EXCEEDED',
  400,
  'The request exceeds a limit of the database (a value too large to index, too many columns).',
  { description: 'SQLSTATE class 54 (program limit exceeded).' },
);
export const SERIALIZATION_FAILURE = defineErrorCode(
  '3020',
  'SERIALIZATION_FAILURE',
  409,
  'The request conflicted with a concurrent change. Retry it.',
  { details: '{ retryable: true }', description: 'SQLSTATE 40001. Safe to retry the whole request.' },
);
export const DEADLOCK_DETECTED = defineErrorCode(
  '3021',
  'DEADLOCK_DETECTED',
  409,
  'The request conflicted with a concurrent change. Retry it.',
  {
    details: '{ retryable: true }',
    description: 'SQLSTATE 40P01; MySQL/MariaDB 1213. Safe to retry the whole request.',
  },
);
export const DATABASE_TIMEOUT = defineErrorCode(
  '3030',
  'DATABASE_TIMEOUT',
  503,
  'The database did not answer in time. Try again later.',
  {
    details: '{ request_id: string, retry_after_seconds: number, retryable: true }',
    description:
      'SQLSTATE 55P03 (lock timeout) or 57014 (statement timeout, cancel); MySQL/MariaDB 1205 (lock wait timeout), 3572, 3024/1969 (statement time), 1317. Sent with Retry-After.',
  },
);
export const DATABASE_UNAVAILABLE = defineErrorCode(
  '3031',
  'DATABASE_UNAVAILABLE',
  503,
  'The database is temporarily unavailable. Try again later.',
  {
    details: '{ request_id: string, retry_after_seconds: number, retryable: true }',
    description:
      'Class 08 (connection), 53 (too many connections, out of resources), 57P01-57P03 (shutdown); MySQL/MariaDB 1040 (too many connections), 1053, 1927 (KILL), lost or refused connections. Sent with Retry-After.',
  },
);
export const DATABASE_READ_ONLY = defineErrorCode(
  '3050',
  'DATABASE_READ_ONLY',
  503,
  'The database accepts no changes at the moment. Try again later.',
  {
    details: '{ request_id: string, retry_after_seconds: number, retryable: true }',
    description:
      'PostgreSQL 25006 (a read-only transaction: a standby), MySQL/MariaDB 1290 (--read-only), 1792 and 1836. Sent with Retry-After.',
  },
);
export const RECORD_NOT_FOUND = defineErrorCode('3040', 'RECORD_NOT_FOUND', 404, 'The {resource} was not found.', {
  details: '{ resource: string }',
  description: "TypeORM's EntityNotFoundError (findOneOrFail...). The search criteria stay out of the body.",
});

export const DATABASE_CODES: ErrorCode[] = [
  UNIQUE_VIOLATION,
  EXCLUSION_VIOLATION,
  REFERENCED_RECORD_NOT_FOUND,
  RECORD_STILL_REFERENCED,
  NOT_NULL_VIOLATION,
  CHECK_VIOLATION,
  INTEGRITY_VIOLATION,
  VALUE_TOO_LONG,
  NUMBER_OUT_OF_RANGE,
  INVALID_VALUE_FOR_TYPE,
  INVALID_DATE_TIME,
  INVALID_CHARACTERS,
  DATA_EXCEPTION,
  LIMIT_EXCEEDED,
  SERIALIZATION_FAILURE,
  DEADLOCK_DETECTED,
  DATABASE_TIMEOUT,
  DATABASE_UNAVAILABLE,
  DATABASE_READ_ONLY,
  RECORD_NOT_FOUND,
];
