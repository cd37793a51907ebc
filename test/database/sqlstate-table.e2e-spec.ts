import 'reflect-metadata';
import {
  Check,
  Column,
  DataSource,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  QueryRunner,
  Unique,
} from 'typeorm';
import { ErrorCodeRegistry, ErrorTranslator, Translation } from 'nest-error-contract';
import { createDatabaseTranslator } from 'nest-error-contract/typeorm';
import { DATABASES, TestDatabase, failureOf, openDatabase } from '../support/databases';

/**
 * Every row of the SQLSTATE table, produced by a real statement on the real
 * PostgreSQL server and on PGlite, through the translator the module builds at start-up.
 * PGlite is one session in one process: rows that need a second connection or a server
 * process (deadlock, serialization, lock timeout, too many connections, termination,
 * connection failure, statement timeout) are raised there with RAISE ... USING ERRCODE,
 * and the test names say so.
 */
@Entity('users')
@Check('users_age_not_negative', '"age" >= 0')
class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ unique: true }) email!: string;
  @Column({ type: 'varchar', length: 30 }) username!: string;
  @Column({ name: 'first_name', type: 'varchar', length: 20 }) firstName!: string;
  @Column({ type: 'int', default: 0 }) age!: number;
  @Column({ type: 'smallint', default: 0 }) rank!: number;
  @Column({ type: 'date', nullable: true }) birthday!: string | null;
  @Column({ type: 'timestamp', nullable: true }) lastSeen!: Date | null;
  @Column({ type: 'uuid', nullable: true }) externalId!: string | null;
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
class Membership {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'owner_id' }) ownerId!: number;
  @Column({ name: 'team_name' }) teamName!: string;
}

// What a migration would add on top of the entities.
const MIGRATION = [
  'CREATE UNIQUE INDEX username_unique_lowercase ON users (lower(username))',
  'CREATE TABLE bookings (id serial PRIMARY KEY, room int NOT NULL, during tsrange NOT NULL, CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&))',
  'CREATE TABLE badges (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id) ON DELETE RESTRICT)',
  'CREATE TABLE counters (id int PRIMARY KEY, value int NOT NULL)',
  'INSERT INTO counters VALUES (1, 0), (2, 0)',
  'CREATE TABLE orders (id serial PRIMARY KEY, amount numeric(5, 2) NOT NULL)',
];

const FORBIDDEN_IN_BODY = [
  'violates',
  'Key (',
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'users_',
  'posts_',
  'memberships_',
  'bookings_',
  'UQ_',
  'FK_',
  'public',
  'test_',
];

const context = (requestId = 'req-1') => ({
  requestId,
  registry: new ErrorCodeRegistry(),
  bodyMediaTypes: ['application/json'],
});

/** Raises a given SQLSTATE from a real statement (for what one PGlite session cannot cause). */
function raise(dataSource: DataSource, condition: string): Promise<unknown> {
  return failureOf(() =>
    dataSource.query(`DO $$ BEGIN RAISE EXCEPTION 'induced' USING ERRCODE = '${condition}'; END $$`),
  );
}

describe.each(DATABASES)('SQLSTATE table on %s', (kind) => {
  let db: TestDatabase;
  let translate: ErrorTranslator;
  const warnings: string[] = [];

  beforeAll(async () => {
    db = await openDatabase(kind, { entities: [User, Post, Membership], setup: MIGRATION });
    translate = await createDatabaseTranslator(
      {},
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
  function expectTranslation(error: unknown): Translation {
    const translation = translate(error, context());
    expect(translation).toBeDefined();
    const body = JSON.stringify(translation!.errors.map((entry) => entry.error));
    for (const forbidden of FORBIDDEN_IN_BODY) expect(body).not.toContain(forbidden);
    return translation!;
  }

  function only(error: unknown) {
    const translation = expectTranslation(error);
    expect(translation.errors).toHaveLength(1);
    return { status: translation.errors[0].status, ...translation.errors[0].error, headers: translation.headers };
  }

  it('starts without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('23505 unique violation (metadata unique column) -> 409, field from the property', async () => {
    await aUser({ email: 'taken@example.com' });
    const error = await failureOf(() => aUser({ email: 'taken@example.com' }));
    expect(only(error)).toEqual({
      status: 409,
      message: 'This email is already in use.',
      error_code: '3001',
      field: 'email',
      details: { columns: ['email'] },
      headers: undefined,
    });
  });

  it('23505 on an expression index created by a migration (lower(username)) -> field username', async () => {
    await aUser({ username: 'MichaelJordan' });
    const error = await failureOf(() => aUser({ username: 'michaeljordan' }));
    expect(only(error)).toMatchObject({
      status: 409,
      error_code: '3001',
      field: 'username',
      details: { columns: ['username'] },
    });
  });

  it('23505 on a multi-column unique -> field null, details.columns lists the properties', async () => {
    const repository = db.dataSource.getRepository(Membership);
    await repository.insert({ ownerId: 1, teamName: 'red' });
    const error = await failureOf(() => repository.insert({ ownerId: 1, teamName: 'red' }));
    expect(only(error)).toEqual({
      status: 409,
      message: 'This combination of owner id and team name is already in use.',
      error_code: '3001',
      field: null,
      details: { columns: ['ownerId', 'teamName'] },
      headers: undefined,
    });
  });

  it('23P01 exclusion violation -> 409', async () => {
    await db.dataSource.query(`INSERT INTO bookings (room, during) VALUES (1, '[2024-01-01 10:00, 2024-01-01 11:00)')`);
    const error = await failureOf(() =>
      db.dataSource.query(`INSERT INTO bookings (room, during) VALUES ($1, $2)`, [
        2,
        '[2024-01-01 10:30, 2024-01-01 12:00)',
      ]),
    );
    expect(only(error)).toEqual({
      status: 409,
      message: 'This during conflicts with an existing record.',
      error_code: '3002',
      field: 'during',
      details: { columns: ['during'] },
      headers: undefined,
    });
  });

  it('23503 insert naming a missing row -> 400, field is the foreign-key property', async () => {
    const error = await failureOf(() =>
      db.dataSource.getRepository(Post).insert({ authorId: 999_999, title: 'orphan' }),
    );
    expect(only(error)).toEqual({
      status: 400,
      message: 'The author id refers to a record that does not exist.',
      error_code: '3003',
      field: 'authorId',
      details: { columns: ['authorId'], resource: 'user' },
      headers: undefined,
    });
  });

  it('23503 delete of a row still referenced -> 409, field null, details name the referring resource', async () => {
    const author = await aUser();
    await db.dataSource.getRepository(Post).insert({ authorId: author.id, title: 'kept' });
    const error = await failureOf(() => db.dataSource.getRepository(User).delete({ id: author.id }));
    expect(only(error)).toEqual({
      status: 409,
      message: 'This user cannot be deleted or changed because post records still refer to it.',
      error_code: '3004',
      field: null,
      details: { resource: 'user', referenced_by: 'post' },
      headers: undefined,
    });
  });

  it('23001 restrict violation (ON DELETE RESTRICT from a migration) -> 409 still referenced', async () => {
    const owner = await aUser();
    await db.dataSource.query('INSERT INTO badges (user_id) VALUES ($1)', [owner.id]);
    const error = await failureOf(() => db.dataSource.getRepository(User).delete({ id: owner.id }));
    const code = (error as { driverError: { code: string } }).driverError.code;
    expect(['23001', '23503']).toContain(code);
    // badges has no entity: the referring resource is unknown rather than its table name.
    expect(only(error)).toMatchObject({
      status: 409,
      error_code: '3004',
      field: null,
      details: { resource: 'user', referenced_by: null },
    });
  });

  it('23502 not null -> 400, field is the property behind the column', async () => {
    const error = await failureOf(() =>
      db.dataSource
        .getRepository(User)
        .insert({ email: 'nn@example.com', username: 'nn', firstName: null as unknown as string }),
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

  it('23514 check -> 400, field from the checked column', async () => {
    const error = await failureOf(() => aUser({ age: -1 }));
    expect(only(error)).toEqual({
      status: 400,
      message: 'The age is not valid.',
      error_code: '3006',
      field: 'age',
      details: { columns: ['age'] },
      headers: undefined,
    });
  });

  it('22001 value too long -> 400, field found from the statement, details.max_length from the type', async () => {
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

  it('22003 numeric out of range -> 400', async () => {
    const error = await failureOf(() => aUser({ rank: 99_999 }));
    expect(only(error)).toMatchObject({
      status: 400,
      error_code: '3011',
      field: 'rank',
      details: { type: 'smallint' },
    });
    const overflow = await failureOf(() =>
      db.dataSource.query('INSERT INTO orders (amount) VALUES ($1)', ['123456.78']),
    );
    expect(only(overflow)).toMatchObject({ status: 400, error_code: '3011', field: null, details: null });
  });

  it('22P02 invalid text for the type -> 400 with the expected type', async () => {
    const error = await failureOf(() => db.dataSource.getRepository(User).findOneBy({ externalId: 'not-a-uuid' }));
    expect(only(error)).toEqual({
      status: 400,
      message: 'The external id is not a valid uuid.',
      error_code: '3012',
      field: 'externalId',
      details: { type: 'uuid' },
      headers: undefined,
    });
  });

  it('22007 invalid date/time format and 22008 date/time out of range -> 400', async () => {
    const badFormat = await failureOf(() =>
      db.dataSource.query('INSERT INTO users (email, username, first_name, "lastSeen") VALUES ($1, $2, $3, $4)', [
        'd1@x.io',
        'd1',
        'Ann',
        'yesterday-ish',
      ]),
    );
    expect((badFormat as { driverError: { code: string } }).driverError.code).toBe('22007');
    expect(only(badFormat)).toMatchObject({ status: 400, error_code: '3013', field: 'lastSeen', details: null });
    const outOfRange = await failureOf(() => aUser({ birthday: '2024-02-30' }));
    expect((outOfRange as { driverError: { code: string } }).driverError.code).toBe('22008');
    expect(only(outOfRange)).toEqual({
      status: 400,
      message: 'The birthday is not a valid date or time.',
      error_code: '3013',
      field: 'birthday',
      details: null,
      headers: undefined,
    });
  });

  it('22021 invalid byte sequence (a NUL in text) -> 400', async () => {
    const error = await failureOf(() => aUser({ bio: 'hello\u0000world' }));
    expect(only(error)).toMatchObject({ status: 400, error_code: '3014', field: 'bio', details: null });
  });

  it('22P05 a character the type cannot hold (\\u0000 in jsonb) -> 400 invalid characters', async () => {
    const error = await failureOf(() => db.dataSource.query('SELECT $1::jsonb AS doc', ['{"a":"x\\u0000y"}']));
    expect(only(error)).toMatchObject({ status: 400, error_code: '3014', field: null, details: null });
  });

  it('other class 22 (division by zero) -> 400 generic data exception', async () => {
    const error = await failureOf(() => db.dataSource.query('SELECT 1 / (SELECT count(*) FROM users WHERE false)'));
    expect(only(error)).toEqual({
      status: 400,
      message: 'The value is not a value the database accepts.',
      error_code: '3015',
      field: null,
      details: null,
      headers: undefined,
    });
  });

  it('class 54 (an index row too large) -> 400 limit exceeded', async () => {
    const error = await failureOf(() =>
      db.dataSource.query(`DO $$ BEGIN
        CREATE TEMP TABLE big_keys (v text);
        CREATE INDEX ON big_keys (v);
        INSERT INTO big_keys SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 400);
      END $$`),
    );
    expect(only(error)).toMatchObject({ status: 400, error_code: '3016', field: null, details: null });
  });

  it('other class 23 -> 400 generic integrity code', async () => {
    const error = await raise(db.dataSource, '23000');
    expect(only(error)).toEqual({
      status: 400,
      message: 'The request breaks a rule of the stored data.',
      error_code: '3007',
      field: null,
      details: null,
      headers: undefined,
    });
  });

  it('class 42 (a bug in the app) -> 500 with the request id, logged with the driver error', async () => {
    const error = await failureOf(() => db.dataSource.query('SELECT no_such_column FROM users'));
    const translation = expectTranslation(error);
    expect(translation.errors).toEqual([
      {
        status: 500,
        error: {
          message: 'Something went wrong on our side. Quote the request id if you report it.',
          error_code: '5000',
          field: null,
          details: { request_id: 'req-1' },
        },
      },
    ]);
    expect(translation.logged).toBe((error as { driverError: unknown }).driverError);
  });

  it('EntityNotFoundError -> 404', async () => {
    const error = await failureOf(() => db.dataSource.getRepository(User).findOneByOrFail({ id: 987_654 }));
    expect(only(error)).toEqual({
      status: 404,
      message: 'The user was not found.',
      error_code: '3040',
      field: null,
      details: { resource: 'user' },
      headers: undefined,
    });
  });

  const retryable = { retryable: true };
  const unavailable = { request_id: 'req-1', retry_after_seconds: 1, retryable: true };

  if (kind === 'postgres') {
    /** Two sessions on the real server. */
    async function twoSessions(): Promise<[QueryRunner, QueryRunner]> {
      const first = db.dataSource.createQueryRunner();
      const second = db.dataSource.createQueryRunner();
      await first.connect();
      await second.connect();
      return [first, second];
    }

    it('40001 serialization failure (two sessions) -> 409 retryable', async () => {
      const [first, second] = await twoSessions();
      try {
        await first.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await first.query('SELECT value FROM counters WHERE id = 1');
        await second.query('UPDATE counters SET value = value + 1 WHERE id = 1');
        const error = await failureOf(() => first.query('UPDATE counters SET value = value + 1 WHERE id = 1'));
        expect(only(error)).toEqual({
          status: 409,
          message: 'The request conflicted with a concurrent change. Retry it.',
          error_code: '3020',
          field: null,
          details: retryable,
          headers: undefined,
        });
      } finally {
        await first.query('ROLLBACK');
        await first.release();
        await second.release();
      }
    });

    it('40P01 deadlock (two sessions) -> 409 retryable', async () => {
      const [first, second] = await twoSessions();
      try {
        await first.query('BEGIN');
        await second.query('BEGIN');
        await first.query("SET LOCAL deadlock_timeout = '50ms'");
        await second.query("SET LOCAL deadlock_timeout = '50ms'");
        await first.query('UPDATE counters SET value = value + 1 WHERE id = 1');
        await second.query('UPDATE counters SET value = value + 1 WHERE id = 2');
        const outcomes = await Promise.allSettled([
          first.query('UPDATE counters SET value = value + 1 WHERE id = 2'),
          second.query('UPDATE counters SET value = value + 1 WHERE id = 1'),
        ]);
        const failed = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(failed).toHaveLength(1);
        expect(only(failed[0].reason)).toMatchObject({
          status: 409,
          error_code: '3021',
          field: null,
          details: retryable,
        });
      } finally {
        await first.query('ROLLBACK');
        await second.query('ROLLBACK');
        await first.release();
        await second.release();
      }
    });

    it('55P03 lock timeout (two sessions) -> 503 with Retry-After', async () => {
      const [first, second] = await twoSessions();
      try {
        await first.query('BEGIN');
        await first.query('SELECT * FROM counters WHERE id = 1 FOR UPDATE');
        await second.query('BEGIN');
        await second.query("SET LOCAL lock_timeout = '50ms'");
        const error = await failureOf(() => second.query('UPDATE counters SET value = 5 WHERE id = 1'));
        expect(only(error)).toEqual({
          status: 503,
          message: 'The database did not answer in time. Try again later.',
          error_code: '3030',
          field: null,
          details: unavailable,
          headers: { 'Retry-After': '1' },
        });
      } finally {
        await first.query('ROLLBACK');
        await second.query('ROLLBACK');
        await first.release();
        await second.release();
      }
    });

    it('57014 statement timeout -> 503 with Retry-After', async () => {
      const runner = db.dataSource.createQueryRunner();
      try {
        await runner.query("SET statement_timeout = '50ms'");
        const error = await failureOf(() => runner.query('SELECT pg_sleep(2)'));
        expect(only(error)).toMatchObject({
          status: 503,
          error_code: '3030',
          details: unavailable,
          headers: { 'Retry-After': '1' },
        });
      } finally {
        await runner.query('RESET statement_timeout');
        await runner.release();
      }
    });

    it('57P01 connection terminated by the server -> 503 with Retry-After', async () => {
      const [victim, killer] = await twoSessions();
      try {
        const [{ pid }] = (await victim.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
        const sleeping = failureOf(() => victim.query('SELECT pg_sleep(5)'));
        await new Promise((resolve) => setTimeout(resolve, 100));
        await killer.query('SELECT pg_terminate_backend($1)', [pid]);
        expect(only(await sleeping)).toMatchObject({
          status: 503,
          error_code: '3031',
          details: unavailable,
          headers: { 'Retry-After': '1' },
        });
      } finally {
        await victim.release();
        await killer.release();
      }
    });

    it('53300 too many connections (a role with CONNECTION LIMIT 0) -> 503 with Retry-After', async () => {
      const role = `${db.schema}_limited`;
      await db.dataSource.query(`CREATE ROLE "${role}" LOGIN CONNECTION LIMIT 0`);
      try {
        const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
        url.username = role;
        const limited = new DataSource({ type: 'postgres', url: url.toString() });
        const error = await failureOf(() => limited.initialize());
        expect((error as { code: string }).code).toBe('53300');
        expect(only(error)).toMatchObject({
          status: 503,
          error_code: '3031',
          details: unavailable,
          headers: { 'Retry-After': '1' },
        });
      } finally {
        await db.dataSource.query(`DROP ROLE "${role}"`);
      }
    });

    it('connection failure: nothing listening on the database port -> 503 with Retry-After', async () => {
      const unreachable = new DataSource({ type: 'postgres', host: '127.0.0.1', port: 1, connectTimeoutMS: 2000 });
      const error = await failureOf(() => unreachable.initialize());
      const translator = await createDatabaseTranslator({}, { dataSource: unreachable, warn: () => undefined });
      const translation = translator(error, context());
      expect(translation?.errors.map((entry) => [entry.status, entry.error.error_code])).toEqual([[503, '3031']]);
      expect(translation?.headers).toEqual({ 'Retry-After': '1' });
    });
  } else {
    it.each([
      ['40001', 409, '3020', retryable],
      ['40P01', 409, '3021', retryable],
    ])(
      '%s on PGlite (one session: raised with RAISE, not by real contention) -> %s retryable',
      async (sqlstate, status, code, details) => {
        expect(only(await raise(db.dataSource, sqlstate))).toMatchObject({
          status,
          error_code: code,
          field: null,
          details,
        });
      },
    );

    it.each([['55P03'], ['57014'], ['53300'], ['57P01']])(
      '%s on PGlite (no second session or server process: raised with RAISE) -> 503 with Retry-After',
      async (sqlstate) => {
        const expectedCode = sqlstate === '55P03' || sqlstate === '57014' ? '3030' : '3031';
        expect(only(await raise(db.dataSource, sqlstate))).toMatchObject({
          status: 503,
          error_code: expectedCode,
          details: unavailable,
          headers: { 'Retry-After': '1' },
        });
      },
    );
  }

  it(`class 08 connection failure reported by the server${kind === 'pglite' ? ' (raised with RAISE)' : ' (raised with RAISE: pg cannot make the server send one)'} -> 503`, async () => {
    expect(only(await raise(db.dataSource, '08006'))).toMatchObject({
      status: 503,
      error_code: '3031',
      details: unavailable,
      headers: { 'Retry-After': '1' },
    });
  });
});
