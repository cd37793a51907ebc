import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { ErrorCodeRegistry } from 'nest-error-contract';
import { createDatabaseTranslator, readDatabaseFailure } from 'nest-error-contract/typeorm';
import { DATABASES, TEST_DATABASE_URL, failureOf } from '../support/databases';

/**
 * pg and PGlite used directly (as Kysely, knex or hand-written SQL use them): their own
 * errors reach the translator with no ORM around them and no statement, and the
 * constraint registry is the field map. mysql2's are in mariadb-errors.e2e-spec.ts.
 */
const SCHEMA = `raw_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const SETUP = [
  `CREATE SCHEMA ${SCHEMA}`,
  `CREATE TABLE ${SCHEMA}.people (id serial PRIMARY KEY, email text NOT NULL CONSTRAINT people_email_key UNIQUE, nick varchar(8))`,
];
const context = () => ({ requestId: 'raw-1', registry: new ErrorCodeRegistry(), bodyMediaTypes: ['application/json'] });

interface RawDriver {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

async function openRaw(kind: (typeof DATABASES)[number]): Promise<RawDriver> {
  if (kind === 'pglite') {
    const db = await PGlite.create();
    return { query: (sql, parameters) => db.query(sql, parameters), close: () => db.close() };
  }
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  return {
    query: (sql, parameters) => pool.query(sql, parameters),
    async close() {
      await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await pool.end();
    },
  };
}

describe.each(DATABASES)('raw driver errors on %s', (kind) => {
  let raw: RawDriver;
  beforeAll(async () => {
    raw = await openRaw(kind);
    for (const statement of SETUP) await raw.query(statement);
  }, 60_000);
  afterAll(() => raw?.close());

  it('a duplicate key: 409 on the field the registry names, without the driver text', async () => {
    const translate = await createDatabaseTranslator({
      constraints: { people_email_key: { field: 'email' } },
      verifyConstraints: false,
    });
    await raw.query(`INSERT INTO ${SCHEMA}.people (email) VALUES ($1)`, ['ann@x.io']);
    const error = await failureOf(() => raw.query(`INSERT INTO ${SCHEMA}.people (email) VALUES ($1)`, ['ann@x.io']));
    expect(readDatabaseFailure(error)).toMatchObject({
      kind: 'query',
      driverError: { dialect: 'postgres', code: '23505', constraint: 'people_email_key' },
      query: undefined,
    });
    const translation = translate(error, context());
    expect(translation?.errors).toEqual([
      {
        status: 409,
        error: {
          message: 'This email is already in use.',
          error_code: '3001',
          field: 'email',
          details: { columns: ['email'] },
        },
      },
    ]);
    expect(JSON.stringify(translation)).not.toContain('ann@x.io');
  });

  it('a value too long: 400 with max_length (no statement, so no field)', async () => {
    const translate = await createDatabaseTranslator({});
    const error = await failureOf(() =>
      raw.query(`INSERT INTO ${SCHEMA}.people (email, nick) VALUES ($1, $2)`, ['bob@x.io', 'much too long']),
    );
    expect(translate(error, context())?.errors[0]).toEqual({
      status: 400,
      error: { message: 'The value is too long.', error_code: '3010', field: null, details: { max_length: 8 } },
    });
  });
});
