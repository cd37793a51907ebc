import { buildDatabaseTranslator } from '../../database.translator.js';
import { readDatabaseFailure } from '../../index.js';
import { checkFailureIn, columnIn, duplicateEntryIn, duplicateValues, foreignKeyFailureIn } from './messages.js';

/**
 * MySQL 8's wordings where they differ from MariaDB's, written from MySQL's documented
 * message formats (its error reference: ER_DUP_ENTRY "Duplicate entry '%s' for key '%s'"
 * with the key prefixed by its table since 8.0.19, ER_CHECK_CONSTRAINT_VIOLATED 3819
 * "Check constraint '%s' is violated.", ER_TRUNCATED_WRONG_VALUE_FOR_FIELD with the
 * column in single quotes). NOT recorded: no MySQL 8 server runs here. MariaDB's, which
 * are recorded from the real server, are in test/database/mariadb-errors.e2e-spec.ts.
 */
function mysql2Error(errno: number, sqlState: string, sqlMessage: string) {
  return Object.assign(new Error(sqlMessage), { code: 'ER_X', errno, sqlState, sqlMessage, sql: 'INSERT ...' });
}

const context = { requestId: 'r-8' };

describe('MySQL 8 messages (documented formats, not recorded)', () => {
  it('reads the table prefix of a duplicate key', () => {
    expect(duplicateEntryIn("Duplicate entry 'a@b.c' for key 'users.users_email_key'")).toEqual({
      key: 'users_email_key',
      table: 'users',
      printedValue: 'a@b.c',
    });
    expect(duplicateEntryIn("Duplicate entry '7' for key 'users.PRIMARY'")).toMatchObject({
      key: 'PRIMARY',
      table: 'users',
    });
  });

  it('reads the check constraint of 3819', () => {
    expect(checkFailureIn("Check constraint 'users_age_not_negative' is violated.")).toEqual({
      constraint: 'users_age_not_negative',
      table: undefined,
      schema: undefined,
    });
  });

  it("reads MySQL's single-quoted column of a wrong value", () => {
    expect(columnIn("Incorrect integer value: 'abc' for column 'age' at row 1")).toEqual({
      column: 'age',
      table: undefined,
      schema: undefined,
    });
  });

  it('maps the key of a MySQL 8 duplicate to its field through the registry and the schema', () => {
    const translate = buildDatabaseTranslator({}, undefined);
    const error = mysql2Error(1062, '23000', "Duplicate entry 'a@b.c' for key 'users.users_email_key'");
    expect(readDatabaseFailure(error)).toMatchObject({
      driverError: { dialect: 'mysql', situation: 'unique', constraint: 'users_email_key', table: 'users' },
    });
    const registry = buildDatabaseTranslator({ constraints: { users_email_key: { field: 'email' } } });
    expect(registry(error, context)?.errors[0]).toEqual({
      status: 409,
      error: {
        message: 'This email is already in use.',
        error_code: '3001',
        field: 'email',
        details: { columns: ['email'] },
      },
    });
    expect(translate(error, context)?.errors[0].status).toBe(409);
  });

  it('answers 3819 as a check violation, and 4025 only when MariaDB means a CHECK (SQLSTATE 23000)', () => {
    const translate = buildDatabaseTranslator();
    expect(
      translate(mysql2Error(3819, 'HY000', "Check constraint 'c' is violated."), context)?.errors[0].error.error_code,
    ).toBe('3006');
    // MySQL 8's 4025 is ER_INNODB_AUTOEXTEND_SIZE_OUT_OF_RANGE (HY000): a bug, not the client's.
    expect(translate(mysql2Error(4025, 'HY000', 'autoextend_size out of range'), context)?.errors[0].status).toBe(500);
  });
});

describe('MariaDB and MySQL messages the parser must survive (recorded shapes, edited values)', () => {
  it('reads a key whose value holds quotes (MySQL does not escape them)', () => {
    expect(duplicateEntryIn("Duplicate entry 'it's ' for key 'x' ' for key 'handle_idx'")).toEqual({
      key: 'handle_idx',
      table: undefined,
      printedValue: "it's ' for key 'x' ",
    });
  });

  it('splits the values of a key of several columns only when the count is certain', () => {
    expect(duplicateValues('7-Tom', 2)).toEqual(['7', 'Tom']);
    expect(duplicateValues('7-Tom-Jerry', 2)).toBeUndefined();
    expect(duplicateValues('Tom-Jerry', 1)).toEqual(['Tom-Jerry']);
  });

  it('reads a foreign key of several columns and backquoted names', () => {
    const message =
      'Cannot add or update a child row: a foreign key constraint fails (`db`.`line items`, CONSTRAINT `fk``x` ' +
      'FOREIGN KEY (`order_id`, `shop_id`) REFERENCES `orders` (`id`, `shop_id`) ON DELETE CASCADE)';
    expect(foreignKeyFailureIn(message)).toEqual({
      schema: 'db',
      table: 'line items',
      constraint: 'fk`x',
      columns: ['order_id', 'shop_id'],
      referencedTable: 'orders',
    });
  });

  it('takes the column from the end, so a value cannot pose as it', () => {
    expect(columnIn("Incorrect integer value: 'for column `a`' for column `db`.`t`.`age` at row 1")).toEqual({
      column: 'age',
      table: 't',
      schema: 'db',
    });
  });

  it('never echoes the message, the value or the SQL', () => {
    const translate = buildDatabaseTranslator();
    const error = mysql2Error(1062, '23000', "Duplicate entry 'secret@x.io' for key 'users_email_key'");
    const body = JSON.stringify(translate(error, context));
    expect(body).not.toContain('secret');
    expect(body).not.toContain('users_email_key');
    expect(body).not.toContain('INSERT');
  });

  it("reads mysql2's own connection errors, raw and wrapped by TypeORM", () => {
    const lost = Object.assign(new Error('Connection lost: The server closed the connection.'), {
      code: 'PROTOCOL_CONNECTION_LOST',
      fatal: true,
    });
    const translate = buildDatabaseTranslator();
    for (const error of [
      lost,
      Object.assign(new Error(lost.message), { name: 'QueryFailedError', query: 'SELECT 1', driverError: lost }),
    ]) {
      const translation = translate(error, context)!;
      expect(translation.headers).toEqual({ 'Retry-After': '1' });
      expect(translation.errors[0]).toMatchObject({ status: 503, error: { error_code: '3031' } });
    }
    expect(translate(new Error('Pool is closed.'), context)?.errors[0].error.error_code).toBe('3031');
  });

  it('does not claim an error that merely has an errno (a Node system error is not a server error)', () => {
    expect(readDatabaseFailure(Object.assign(new Error('x'), { errno: 1062 }))).toBeUndefined();
  });
});
