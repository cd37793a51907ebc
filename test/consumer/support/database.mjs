import pg from 'pg';

export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why the PostgreSQL server cannot be used, or undefined when it can. */
export async function unreachableReason() {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A schema of its own for one app start: the app's TypeORM synchronizes its tables into
 * it, and dropping it removes everything the run created in the shared database.
 */
export async function createSchema(name) {
  await query(`CREATE SCHEMA "${name}"`);
  return { name, drop: () => query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`) };
}

async function query(sql) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
