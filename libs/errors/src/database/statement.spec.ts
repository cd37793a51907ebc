import { readStatement } from './statement.js';

describe('readStatement', () => {
  const insert = 'INSERT INTO `users`(`id`, `username`, `email`) VALUES (DEFAULT, ?, ?)';

  it('reads the table and the column of each MySQL placeholder', () => {
    const shape = readStatement(insert);
    expect(shape.command).toBe('INSERT');
    expect(shape.table).toBe('users');
    expect([...shape.parameterColumns]).toEqual([
      [1, 'username'],
      [2, 'email'],
    ]);
  });

  it('reads a statement once: the same SQL text gives the same shape', () => {
    const first = readStatement('UPDATE "users" SET "email" = $1 WHERE "id" = $2');
    const again = readStatement('UPDATE "users" SET "email" = $1 WHERE "id" = $2');
    expect(again).toBe(first);
    expect([...again.parameterColumns]).toEqual([
      [1, 'email'],
      [2, 'id'],
    ]);
  });

  it('keeps no statement longer than 4096 characters', () => {
    const long = `SELECT * FROM "users" WHERE "bio" = '${'x'.repeat(5000)}'`;
    const first = readStatement(long);
    const again = readStatement(long);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('keeps at most 256 statements: statements with inlined values cannot grow it', () => {
    const first = readStatement('DELETE FROM "tokens" WHERE "id" = 0');
    for (let index = 1; index <= 256; index++) readStatement(`DELETE FROM "tokens" WHERE "id" = ${index}`);
    const again = readStatement('DELETE FROM "tokens" WHERE "id" = 0');
    expect(again).not.toBe(first);
    expect(again.table).toBe('tokens');
  });
});
