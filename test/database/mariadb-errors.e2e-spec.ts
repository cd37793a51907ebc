import 'reflect-metadata';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ErrorCodeRegistry, ErrorTranslator, Translation } from 'nest-error-contract';
import { createDatabaseTranslator, readDatabaseFailure, translateDatabaseError } from 'nest-error-contract/typeorm';
import { MARIADB_AVAILABLE, TestDatabase, failureOf, openDatabase } from '../support/databases';

/**
 * The MariaDB error corpus: every kind of failure produced by a real statement on the
 * MariaDB server, through TypeORM (QueryFailedError around mysql2's error) and through
 * mysql2 used directly (the registry and the key name as the only field map), each
 * checked for its exact answer and for leaks of the driver's text or the schema.
 * MySQL 8's wordings, where they differ, are unit fixtures in
 * libs/errors/src/database/dialects/mysql (not recorded: no MySQL 8 server here).
 */
@Entity('users')
class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ unique: true }) email!: string;
  @Column({ type: 'varchar', length: 30 }) username!: string;
  @Column({ name: 'first_name', type: 'varchar', length: 20 }) firstName!: string;
  @Column({ type: 'int', default: 0 }) age!: number;
  @Column({ type: 'smallint', default: 0 }) rank!: number;
  @Column({ type: 'date', nullable: true }) birthday!: string | null;
  @Column({ type: 'text', nullable: true }) bio!: string | null;
}

@Entity('posts')
class Post {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'author_id' }) authorId!: number;
  @ManyToOne(() => User, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'posts_author_fk' })
  author!: User;
  @Column() title!: string;
}

@Entity('memberships')
@Unique('memberships_owner_name', ['ownerId', 'teamName'])
@Index('memberships_handle_idx', ['handle'], { unique: true })
class Membership {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'owner_id' }) ownerId!: number;
  @Column({ name: 'team_name' }) teamName!: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) handle!: string | null;
}

// What a migration would add on top of the entities.
const MIGRATION = [
  'CREATE TABLE counters (id int PRIMARY KEY, value int NOT NULL) ENGINE=InnoDB',
  'INSERT INTO counters VALUES (1, 0), (2, 0)',
  'ALTER TABLE users ADD CONSTRAINT users_username_key UNIQUE (username)',
  // TypeORM creates no CHECK on MySQL/MariaDB: a migration adds it.
  'ALTER TABLE users ADD CONSTRAINT users_age_not_negative CHECK (age >= 0)',
];

const FORBIDDEN_IN_BODY = [
  'Duplicate',
  'entry',
  'constraint fails',
  'cannot be null',
  'Data too long',
  'Incorrect',
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'users_',
  'posts_',
  'memberships_',
  'IDX_',
  'REL_',
  'FK_',
  'nec_test',
  'ER_',
  'errno',
];

const context = (requestId = 'req-1') => ({
  requestId,
  registry: new ErrorCodeRegistry(),
  bodyMediaTypes: ['application/json'],
});

const describeOnMariadb = MARIADB_AVAILABLE ? describe : describe.skip;

describeOnMariadb('MariaDB error corpus', () => {
  let db: TestDatabase;
  let translate: ErrorTranslator;
  const warnings: string[] = [];

  beforeAll(async () => {
    db = await openDatabase('mariadb', { entities: [User, Post, Membership], setup: MIGRATION });
    translate = await createDatabaseTranslator(
      { constraints: { memberships_handle_idx: { field: 'handle', message: 'This handle is taken.' } } },
      { dataSource: db.dataSource, warn: (message) => warnings.push(message) },
    );
  }, 60_000);
  afterAll(() => db?.close());

  let nextUser = 0;
  async function aUser(overrides: Partial<User> = {}): Promise<User> {
    nextUser += 1;
    return db.dataSource.getRepository(User).save({
      email: `user${nextUser}@example.com`,
      username: `user${nextUser}`,
      firstName: 'Ann',
      ...overrides,
    });
  }

  /** Translates and checks that nothing of the driver's text or the schema leaks into the body. */
  function expectTranslation(error: unknown, translator: ErrorTranslator = translate): Translation {
    const translation = translator(error, context());
    expect(translation).toBeDefined();
    const body = JSON.stringify(translation!.errors.map((entry) => entry.error));
    for (const forbidden of FORBIDDEN_IN_BODY) expect(body).not.toContain(forbidden);
    return translation!;
  }

  function only(error: unknown, translator?: ErrorTranslator) {
    const translation = expectTranslation(error, translator);
    expect(translation.errors).toHaveLength(1);
    return { status: translation.errors[0].status, ...translation.errors[0].error, headers: translation.headers };
  }

  it('starts without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('1062 on the unique index TypeORM named for @Column({ unique: true }): 409 about email', async () => {
    await aUser({ email: 'taken@example.com' });
    const error = await failureOf(() => aUser({ email: 'taken@example.com' }));
    expect(readDatabaseFailure(error)).toMatchObject({ driverError: { dialect: 'mysql', code: '1062' } });
    expect(only(error)).toEqual({
      status: 409,
      message: 'This email is already in use.',
      error_code: '3001',
      field: 'email',
      details: { columns: ['email'] },
      headers: undefined,
    });
  });

  it('1062 on a unique key a migration added: 409 about username (from the catalog)', async () => {
    await aUser({ username: 'michael' });
    const error = await failureOf(() => aUser({ username: 'michael' }));
    expect(only(error)).toMatchObject({ status: 409, error_code: '3001', field: 'username' });
  });

  it('1062 on a key of two columns: field null, both fields listed', async () => {
    const memberships = db.dataSource.getRepository(Membership);
    await memberships.insert({ ownerId: 1, teamName: 'Tom-Jerry' });
    const error = await failureOf(() => memberships.insert({ ownerId: 1, teamName: 'Tom-Jerry' }));
    expect(only(error)).toEqual({
      status: 409,
      message: 'This combination of owner id and team name is already in use.',
      error_code: '3001',
      field: null,
      details: { columns: ['ownerId', 'teamName'] },
      headers: undefined,
    });
  });

  it('1062 on a registered index: the rule answers', async () => {
    const memberships = db.dataSource.getRepository(Membership);
    await memberships.insert({ ownerId: 2, teamName: 'a', handle: 'it\'s "me"' });
    const error = await failureOf(() => memberships.insert({ ownerId: 3, teamName: 'b', handle: 'it\'s "me"' }));
    expect(only(error)).toMatchObject({ status: 409, message: 'This handle is taken.', field: 'handle' });
  });

  it('1062 on the primary key', async () => {
    const user = await aUser();
    const error = await failureOf(() =>
      db.dataSource.query('INSERT INTO users (id, email, username, first_name) VALUES (?, ?, ?, ?)', [
        user.id,
        'other@example.com',
        'other',
        'Ann',
      ]),
    );
    expect(only(error)).toMatchObject({ status: 409, error_code: '3001', field: 'id', details: { columns: ['id'] } });
  });

  it('1452: a missing parent is a 400 about the referencing field', async () => {
    const error = await failureOf(() => db.dataSource.getRepository(Post).insert({ authorId: 424242, title: 'x' }));
    expect(readDatabaseFailure(error)).toMatchObject({ driverError: { code: '1452' } });
    expect(only(error)).toEqual({
      status: 400,
      message: 'The author id refers to a record that does not exist.',
      error_code: '3003',
      field: 'authorId',
      details: { columns: ['authorId'], resource: 'user' },
      headers: undefined,
    });
  });

  it('1451: deleting a referenced parent is a 409 naming both resources', async () => {
    const author = await aUser();
    await db.dataSource.getRepository(Post).insert({ authorId: author.id, title: 'x' });
    const error = await failureOf(() => db.dataSource.getRepository(User).delete({ id: author.id }));
    expect(readDatabaseFailure(error)).toMatchObject({ driverError: { code: '1451' } });
    expect(only(error)).toEqual({
      status: 409,
      message: 'This user cannot be deleted or changed because post records still refer to it.',
      error_code: '3004',
      field: null,
      details: { resource: 'user', referenced_by: 'post' },
      headers: undefined,
    });
  });

  it('1048: a null in a NOT NULL column is a 400 about that field', async () => {
    const error = await failureOf(() =>
      db.dataSource.query('INSERT INTO users (email, username, first_name) VALUES (?, ?, ?)', ['n@x.io', 'n', null]),
    );
    expect(only(error)).toEqual({
      status: 400,
      message: 'The first name is required.',
      error_code: '3005',
      field: 'firstName',
      details: null,
      headers: undefined,
    });
  });

  it('1364: a NOT NULL column without a value (strict mode) is the same 400', async () => {
    const error = await failureOf(() =>
      db.dataSource.query("INSERT INTO users (email, username) VALUES ('m@x.io', 'm')"),
    );
    expect(only(error)).toMatchObject({ status: 400, error_code: '3005', field: 'firstName' });
  });

  it("4025 (MariaDB's failed CHECK): 400 about the checked field", async () => {
    const error = await failureOf(() => aUser({ age: -1 }));
    expect(readDatabaseFailure(error)).toMatchObject({ driverError: { code: '4025', situation: 'check' } });
    expect(only(error)).toEqual({
      status: 400,
      message: 'The age is not valid.',
      error_code: '3006',
      field: 'age',
      details: { columns: ['age'] },
      headers: undefined,
    });
  });

  it('1406: a value too long is a 400 with the field and the length from the schema', async () => {
    const error = await failureOf(() => aUser({ firstName: 'x'.repeat(21) }));
    expect(only(error)).toEqual({
      status: 400,
      message: 'The first name is too long.',
      error_code: '3010',
      field: 'firstName',
      details: { max_length: 20 },
      headers: undefined,
    });
  });

  it('1264: a number out of range is a 400 about the field', async () => {
    const error = await failureOf(() => aUser({ rank: 70000 }));
    expect(only(error)).toEqual({
      status: 400,
      message: 'A number is out of the range the rank can hold.',
      error_code: '3011',
      field: 'rank',
      details: null,
      headers: undefined,
    });
  });

  it('1366: text for an integer column is a 400 naming the type', async () => {
    const error = await failureOf(() =>
      db.dataSource.query('INSERT INTO users (email, username, first_name, age) VALUES (?, ?, ?, ?)', [
        'i@x.io',
        'i',
        'Ann',
        'abc',
      ]),
    );
    expect(only(error)).toEqual({
      status: 400,
      message: 'The age is not a valid integer.',
      error_code: '3012',
      field: 'age',
      details: { type: 'integer' },
      headers: undefined,
    });
  });

  it('1292: an impossible date is a 400 about the field', async () => {
    const error = await failureOf(() => aUser({ birthday: '2024-02-30' }));
    expect(only(error)).toEqual({
      status: 400,
      message: 'The birthday is not a valid date or time.',
      error_code: '3013',
      field: 'birthday',
      details: null,
      headers: undefined,
    });
  });

  it('1366 (Incorrect string value): bytes the column cannot hold', async () => {
    await db.dataSource.query('CREATE TABLE latin (id int PRIMARY KEY, name varchar(10) CHARACTER SET latin1)');
    const error = await failureOf(() => db.dataSource.query('INSERT INTO latin VALUES (1, ?)', ['😀']));
    expect(only(error)).toMatchObject({ status: 400, error_code: '3014', field: 'name' });
  });

  it('1792: a write in a read-only transaction is a 503 with Retry-After', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.query('START TRANSACTION READ ONLY');
      const error = await failureOf(() => runner.query('UPDATE counters SET value = 1 WHERE id = 1'));
      expect(only(error)).toEqual({
        status: 503,
        message: 'The database accepts no changes at the moment. Try again later.',
        error_code: '3050',
        field: null,
        details: { request_id: 'req-1', retry_after_seconds: 1, retryable: true },
        headers: { 'Retry-After': '1' },
      });
    } finally {
      await runner.query('ROLLBACK');
      await runner.release();
    }
  });

  it('1213: a real deadlock between two transactions is a 409 the client may retry', async () => {
    const first = db.dataSource.createQueryRunner();
    const second = db.dataSource.createQueryRunner();
    try {
      await first.startTransaction();
      await second.startTransaction();
      await first.query('UPDATE counters SET value = value + 1 WHERE id = 1');
      await second.query('UPDATE counters SET value = value + 1 WHERE id = 2');
      const blocked = first.query('UPDATE counters SET value = value + 1 WHERE id = 2').then(
        () => undefined,
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const crossed = second.query('UPDATE counters SET value = value + 1 WHERE id = 1').then(
        () => undefined,
        (error: unknown) => error,
      );
      const errors = (await Promise.all([blocked, crossed])).filter(Boolean);
      expect(errors).toHaveLength(1);
      expect(readDatabaseFailure(errors[0])).toMatchObject({ driverError: { code: '1213' } });
      expect(only(errors[0])).toEqual({
        status: 409,
        message: 'The request conflicted with a concurrent change. Retry it.',
        error_code: '3021',
        field: null,
        details: { retryable: true },
        headers: undefined,
      });
    } finally {
      await first.rollbackTransaction().catch(() => undefined);
      await second.rollbackTransaction().catch(() => undefined);
      await first.release();
      await second.release();
    }
  });

  it('1205: a lock wait timeout is a 503 with Retry-After', async () => {
    const holder = db.dataSource.createQueryRunner();
    const waiter = db.dataSource.createQueryRunner();
    try {
      await holder.startTransaction();
      await holder.query('UPDATE counters SET value = value + 1 WHERE id = 1');
      await waiter.query('SET SESSION innodb_lock_wait_timeout = 1');
      await waiter.startTransaction();
      const error = await failureOf(() => waiter.query('UPDATE counters SET value = value + 1 WHERE id = 1'));
      expect(readDatabaseFailure(error)).toMatchObject({ driverError: { code: '1205', situation: 'lock-timeout' } });
      expect(only(error)).toMatchObject({ status: 503, error_code: '3030', headers: { 'Retry-After': '1' } });
    } finally {
      await holder.rollbackTransaction().catch(() => undefined);
      await waiter.rollbackTransaction().catch(() => undefined);
      await waiter.query('SET SESSION innodb_lock_wait_timeout = DEFAULT').catch(() => undefined);
      await holder.release();
      await waiter.release();
    }
  });

  it('1969: max_statement_time is a 503 with Retry-After', async () => {
    const error = await failureOf(() =>
      db.dataSource.query('SET STATEMENT max_statement_time = 0.1 FOR SELECT SLEEP(2) FROM counters'),
    );
    expect(only(error)).toMatchObject({ status: 503, error_code: '3030', headers: { 'Retry-After': '1' } });
  });

  it('a bug in the SQL (1054 unknown column) is a 500 that names nothing', async () => {
    const error = await failureOf(() => db.dataSource.query('SELECT missing_column FROM users'));
    expect(only(error)).toEqual({
      status: 500,
      message: 'Something went wrong on our side. Quote the request id if you report it.',
      error_code: '5000',
      field: null,
      details: { request_id: 'req-1' },
      headers: undefined,
    });
  });

  describe('mysql2 used directly (Kysely, knex, hand-written SQL)', () => {
    /** A raw mysql2 connection on the same database: its errors carry no statement for the translator. */
    async function rawFailure(sql: string, values: Array<string | number | null> = []): Promise<unknown> {
      const mysql = await import('mysql2/promise');
      const connection = await mysql.createConnection({ uri: (db.dataSource.options as { url: string }).url });
      try {
        return await failureOf(() => connection.execute(sql, values));
      } finally {
        await connection.end();
      }
    }

    it('a duplicate key maps to its field by the key name, with no schema knowledge at all', async () => {
      await aUser({ email: 'raw@example.com', username: 'raw' });
      const error = await rawFailure('INSERT INTO users (email, username, first_name) VALUES (?, ?, ?)', [
        'raw2@example.com',
        'raw',
        'Ann',
      ]);
      // Without schema knowledge the key's columns are not known: the field is null, still a 409 in the contract.
      expect(only(error, translateDatabaseError)).toMatchObject({ status: 409, error_code: '3001' });
      // With the schema (the DataSource's catalog), the key name maps to the field.
      expect(only(error)).toMatchObject({ status: 409, error_code: '3001', field: 'username' });
    });

    it('the registry is the field map for raw errors', async () => {
      const registry = await createDatabaseTranslator({
        constraints: { users_username_key: { field: 'username', message: 'That username is taken.' } },
        verifyConstraints: false,
      });
      await aUser({ username: 'raw-registry' });
      const error = await rawFailure('INSERT INTO users (email, username, first_name) VALUES (?, ?, ?)', [
        'rr@example.com',
        'raw-registry',
        'Ann',
      ]);
      expect(only(error, registry)).toEqual({
        status: 409,
        message: 'That username is taken.',
        error_code: '3001',
        field: 'username',
        details: { columns: ['username'] },
        headers: undefined,
      });
    });

    it('a null in a NOT NULL column names its column without any schema', async () => {
      const error = await rawFailure('INSERT INTO users (email, username, first_name) VALUES (?, ?, ?)', [
        'x@x.io',
        'x',
        null,
      ]);
      expect(only(error, translateDatabaseError)).toMatchObject({
        status: 400,
        error_code: '3005',
        field: 'first_name',
      });
    });

    it('a connection refused on the MySQL port is a 503, never the driver text', async () => {
      const mysql = await import('mysql2/promise');
      const error = await failureOf(() => mysql.createConnection({ host: '127.0.0.1', port: 1, user: 'root' }));
      // Port 1 is no database port: not claimed (a failing call to another service is not the database being down).
      expect(translateDatabaseError(error, context())).toBeUndefined();
    });
  });
});
