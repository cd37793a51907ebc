import type { DatabaseErrorOptions } from 'nest-error-contract/typeorm';
import {
  COLUMN_NAME_TAKEN,
  EMAIL_TAKEN,
  TABLE_NAME_TAKEN,
  USERNAME_INVALID_CHARACTERS,
  USERNAME_TAKEN,
  USERNAME_TOO_LONG,
} from '../errors/app-error-codes';

/**
 * The constraint registry (constraint name -> field, message, code): each constraint or index the
 * migration names -> the request field, message and code the client gets when it fails.
 * Checked against the real catalog at start-up (`verifyConstraints: 'throw'`), so a
 * renamed constraint fails the boot instead of silently answering a generic error.
 *
 * `tables_owner_id_fkey` is deliberately not listed: a rule applies to both directions
 * of a foreign-key failure, and the field `owner_id` is right for "POST /tables names a
 * missing user" but wrong for "DELETE /users/:id while tables refer to the user". The
 * translator infers both from the catalog and the entities (whose properties are named
 * like the wire fields): 400 with field `owner_id`, and 409 with field null.
 */
export const CONSTRAINT_RULES: NonNullable<DatabaseErrorOptions['constraints']> = {
  username_length: { field: 'username', code: USERNAME_TOO_LONG, details: { max_length: 30 } },
  username_valid_characters: { field: 'username', code: USERNAME_INVALID_CHARACTERS },
  username_unique_lowercase: { field: 'username', code: USERNAME_TAKEN },
  users_email_key: { field: 'email', code: EMAIL_TAKEN },
  tables_name_key: { field: 'name', code: TABLE_NAME_TAKEN },
  columns_table_id_name_key: { field: 'name', code: COLUMN_NAME_TAKEN },
};
