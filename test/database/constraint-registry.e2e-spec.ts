import 'reflect-metadata';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ErrorCodeRegistry, defineErrorCode } from 'nest-error-contract';
import { createDatabaseTranslator, runTransactionWithRetry } from 'nest-error-contract/typeorm';
import { DATABASES, TestDatabase, failureOf, openDatabase } from '../support/databases';

@Entity('accounts')
@Index('accounts_handle_idx', ['handle'], { unique: true })
class Account {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ unique: true }) email!: string;
  @Column() handle!: string;
  @Column({ type: 'varchar', length: 30 }) username!: string;
  @Column({ type: 'int', default: 0 }) balance!: number;
}

const MIGRATION = [
  'CREATE UNIQUE INDEX username_unique_lowercase ON accounts (lower(username))',
  "ALTER TABLE accounts ADD CONSTRAINT username_valid_characters CHECK (username ~ '^[A-Za-z0-9]*$')",
];

const USERNAME_TAKEN = defineErrorCode('6101', 'USERNAME_TAKEN', 409, 'This username is already in use.');
const context = () => ({ requestId: 'req-9', registry: new ErrorCodeRegistry(), bodyMediaTypes: ['application/json'] });

describe.each(DATABASES)('constraint registry and schema mapping on %s', (kind) => {
  let db: TestDatabase;
  let counter = 0;

  beforeAll(async () => {
    db = await openDatabase(kind, { entities: [Account], setup: MIGRATION });
  }, 60_000);
  afterAll(() => db?.close());

  function anAccount(overrides: Partial<Account> = {}) {
    counter += 1;
    return db.dataSource
      .getRepository(Account)
      .insert({ email: `a${counter}@x.io`, handle: `h${counter}`, username: `u${counter}`, ...overrides });
  }

  it('a registry entry wins over metadata and the catalog ', async () => {
    const translate = await createDatabaseTranslator(
      {
        constraints: {
          username_unique_lowercase: { field: 'username', code: USERNAME_TAKEN },
          username_valid_characters: {
            field: 'username',
            message: 'Username contains invalid characters. Alphanumeric only',
          },
        },
      },
      { dataSource: db.dataSource, warn: () => undefined },
    );
    await anAccount({ username: 'Jordan' });
    const taken = translate(await failureOf(() => anAccount({ username: 'JORDAN' })), context());
    expect(taken?.errors).toEqual([
      {
        status: 409,
        error: {
          message: 'This username is already in use.',
          error_code: '6101',
          field: 'username',
          details: { columns: ['username'] },
        },
      },
    ]);
    const invalid = translate(await failureOf(() => anAccount({ username: 'no spaces' })), context());
    expect(invalid?.errors).toEqual([
      {
        status: 400,
        error: {
          message: 'Username contains invalid characters. Alphanumeric only.',
          error_code: '3006',
          field: 'username',
          details: { columns: ['username'] },
        },
      },
    ]);
  });

  it('maps an unregistered unique index through TypeORM metadata, and overrides messages per code', async () => {
    const translate = await createDatabaseTranslator(
      { messages: { UNIQUE_VIOLATION: 'Someone already uses this {subject}.' } },
      { dataSource: db.dataSource, warn: () => undefined },
    );
    await anAccount({ handle: 'shared' });
    const error = await failureOf(() => anAccount({ handle: 'shared' }));
    expect((error as { driverError: { constraint: string } }).driverError.constraint).toBe('accounts_handle_idx');
    expect(translate(error, context())?.errors).toEqual([
      {
        status: 409,
        error: {
          message: 'Someone already uses this handle.',
          error_code: '3001',
          field: 'handle',
          details: { columns: ['handle'] },
        },
      },
    ]);
  });

  it('puts key values into details only where the app opts in', async () => {
    const translate = await createDatabaseTranslator(
      { constraints: { accounts_handle_idx: { exposeValues: true } } },
      { dataSource: db.dataSource, warn: () => undefined },
    );
    await anAccount({ handle: 'Tom, (Jerry)' });
    const error = await failureOf(() => anAccount({ handle: 'Tom, (Jerry)' }));
    expect(translate(error, context())?.errors[0].error.details).toEqual({
      columns: ['handle'],
      values: ['Tom, (Jerry)'],
    });
  });

  it('without any schema knowledge, falls back to the detail text (expression index included)', async () => {
    const translate = await createDatabaseTranslator({ inferFromSchema: false }, { warn: () => undefined });
    await anAccount({ username: 'Pippen' });
    const error = await failureOf(() => anAccount({ username: 'pippen' }));
    expect(translate(error, context())?.errors).toEqual([
      {
        status: 409,
        error: {
          message: 'This username is already in use.',
          error_code: '3001',
          field: 'username',
          details: { columns: ['username'] },
        },
      },
    ]);
  });

  it('a unique violation without detail (row-level security hides the key) is still right, just without columns', async () => {
    const role = `${db.schema}_rls`;
    // On PGlite the runner holds the only connection: translate after releasing it.
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    let error: unknown;
    try {
      await runner.query(`CREATE ROLE "${role}" NOSUPERUSER NOBYPASSRLS`);
      await runner.query(`GRANT USAGE ON SCHEMA "${db.schema}" TO "${role}"`);
      await runner.query(`GRANT SELECT, INSERT ON accounts TO "${role}"`);
      await runner.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA "${db.schema}" TO "${role}"`);
      await runner.query('ALTER TABLE accounts ENABLE ROW LEVEL SECURITY');
      await runner.query('CREATE POLICY accounts_all ON accounts USING (true) WITH CHECK (true)');
      await runner.query(`INSERT INTO accounts (email, handle, username) VALUES ('rls@x.io', 'rls1', 'rls1')`);
      await runner.query(`SET ROLE "${role}"`);
      error = await failureOf(() =>
        runner.query('INSERT INTO accounts (email, handle, username) VALUES ($1, $2, $3)', [
          'rls@x.io',
          'rls2',
          'rls2',
        ]),
      );
    } finally {
      await runner.query('RESET ROLE');
      await runner.query('DROP POLICY IF EXISTS accounts_all ON accounts');
      await runner.query('ALTER TABLE accounts DISABLE ROW LEVEL SECURITY');
      await runner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA "${db.schema}" FROM "${role}"`);
      await runner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA "${db.schema}" FROM "${role}"`);
      await runner.query(`REVOKE ALL ON SCHEMA "${db.schema}" FROM "${role}"`);
      await runner.query(`DROP ROLE IF EXISTS "${role}"`);
      await runner.release();
    }
    const driverError = (error as { driverError: { code: string; detail?: string } }).driverError;
    expect(driverError.code).toBe('23505');
    expect(driverError.detail).toBeUndefined();
    const withoutSchema = await createDatabaseTranslator({ inferFromSchema: false }, { warn: () => undefined });
    expect(withoutSchema(error, context())?.errors).toEqual([
      {
        status: 409,
        error: { message: 'This value is already in use.', error_code: '3001', field: null, details: null },
      },
    ]);
    const withSchema = await createDatabaseTranslator({}, { dataSource: db.dataSource, warn: () => undefined });
    expect(withSchema(error, context())?.errors[0].error).toMatchObject({
      field: 'email',
      details: { columns: ['email'] },
    });
  });

  it('reports a misspelt registry entry at start-up, with the closest real name', async () => {
    const warnings: string[] = [];
    await createDatabaseTranslator(
      {
        constraints: {
          username_unique_lowercas: { field: 'username' },
          username_valid_characters: { field: 'username' },
        },
      },
      { dataSource: db.dataSource, warn: (message) => warnings.push(message) },
    );
    expect(warnings).toEqual([
      'Database error options map constraint "username_unique_lowercas", but the database has no constraint or index of that name. Did you mean "username_unique_lowercase"?',
    ]);
    await expect(
      createDatabaseTranslator(
        { constraints: { no_such_thing_at_all: {} }, verifyConstraints: 'throw' },
        { dataSource: db.dataSource, warn: () => undefined },
      ),
    ).rejects.toThrow(
      'Database error options map constraint "no_such_thing_at_all", but the database has no constraint or index of that name.',
    );
  });

  it('refuses message overrides for codes that do not exist', async () => {
    await expect(
      createDatabaseTranslator({ messages: { UNIQUE_VIOLATOIN: 'x' } }, { warn: () => undefined }),
    ).rejects.toThrow('messages.UNIQUE_VIOLATOIN names no database code');
  });

  it('the retry helper retries induced serialization failures, then succeeds', async () => {
    const delays: number[] = [];
    let attempts = 0;
    const account = await db.dataSource
      .getRepository(Account)
      .save({ email: 'retry@x.io', handle: 'retry', username: 'retry' });
    const balance = await runTransactionWithRetry(
      db.dataSource,
      async (manager) => {
        attempts += 1;
        await manager.increment(Account, { id: account.id }, 'balance', 10);
        // A real statement that fails as the server does under contention (the increment is rolled back).
        if (attempts < 3)
          await manager.query("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'serialization_failure'; END $$");
        return (await manager.findOneByOrFail(Account, { id: account.id })).balance;
      },
      { random: () => 0.5, sleep: async (ms) => void delays.push(ms), baseDelayMs: 20 },
    );
    expect(attempts).toBe(3);
    expect(balance).toBe(10);
    expect(delays).toEqual([10, 20]);
  });

  it('the retry helper gives up after its bound, and the error translates to the retryable 409', async () => {
    let attempts = 0;
    const delays: number[] = [];
    const error = await failureOf(() =>
      runTransactionWithRetry(
        db.dataSource,
        async (manager) => {
          attempts += 1;
          await manager.query("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = 'deadlock_detected'; END $$");
        },
        {
          maxAttempts: 4,
          baseDelayMs: 100,
          maxDelayMs: 250,
          random: () => 0.999,
          sleep: async (ms) => void delays.push(ms),
        },
      ),
    );
    expect(attempts).toBe(4);
    expect(delays).toEqual([99, 199, 249]);
    const translate = await createDatabaseTranslator({}, { dataSource: db.dataSource, warn: () => undefined });
    expect(translate(error, context())?.errors).toEqual([
      {
        status: 409,
        error: {
          message: 'The request conflicted with a concurrent change. Retry it.',
          error_code: '3021',
          field: null,
          details: { retryable: true },
        },
      },
    ]);
  });

  it('the retry helper does not retry other errors', async () => {
    let attempts = 0;
    await failureOf(() =>
      runTransactionWithRetry(db.dataSource, async (manager) => {
        attempts += 1;
        await manager.query('SELECT no_such_column FROM accounts');
      }),
    );
    expect(attempts).toBe(1);
  });
});
