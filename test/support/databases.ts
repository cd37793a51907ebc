import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataSource, DataSourceOptions } from 'typeorm';
import { createPgliteDriver } from 'typeorm-pglite';

/**
 * Fresh TypeORM DataSources for tests, on PGlite (in memory) and on the real PostgreSQL
 * server, so one suite can run against both:
 *
 *     describe.each(DATABASES)('on %s', (kind) => {
 *       let db: TestDatabase;
 *       beforeAll(async () => { db = await openDatabase(kind, { entities: [User] }); });
 *       afterAll(() => db.close());
 *     });
 *
 * Every DataSource gets its own schema (first on its search_path), so test files that
 * jest runs in parallel never see each other's tables or constraints, and unqualified
 * raw SQL lands in that schema. PGlite takes seconds to boot, so a test file shares one
 * PGlite instance between its DataSources; its driver serialises sessions and switches
 * the search_path whenever another DataSource takes the connection.
 */
export type DatabaseKind = 'pglite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const REPOSITORY_ROOT = resolve(__dirname, '../..');

/** Connects once with pg in a child process (describe.each needs the answer synchronously). */
function probeServer(url: string): string | undefined {
  const script = `
    const { Client } = require('pg');
    const client = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), (error) => {
      process.stderr.write(String(error && error.message || error));
      process.exit(1);
    });`;
  try {
    execFileSync(process.execPath, ['-e', script], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, PROBE_URL: url, NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 10_000,
    });
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  }
}

/** Hides the password when the URL is printed. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/u, '//$1:***@');
}

function serverMustBeReachable(): boolean {
  return Boolean(process.env.CI) || process.env.REQUIRE_POSTGRES === '1';
}

/** The user-machine rule: say once, plainly, that the real-server runs were skipped. */
function reportSkippedOnce(url: string): void {
  // Each test file is its own module registry, so "once" is kept in a marker file per jest run.
  const marker = join(tmpdir(), `nest-errors-postgres-skipped-${process.ppid}`);
  if (existsSync(marker)) return;
  writeFileSync(marker, '');
  process.stderr.write(`PostgreSQL server not reachable at ${redact(url)}: skipped the real-server database runs.\n`);
}

function availableDatabases(): DatabaseKind[] {
  const failure = probeServer(TEST_DATABASE_URL);
  if (failure === undefined) return ['pglite', 'postgres'];
  if (serverMustBeReachable()) {
    throw new Error(
      `PostgreSQL server not reachable at ${redact(TEST_DATABASE_URL)} (${failure}). ` +
        'CI or REQUIRE_POSTGRES=1 requires it; start it or set TEST_DATABASE_URL.',
    );
  }
  reportSkippedOnce(TEST_DATABASE_URL);
  return ['pglite'];
}

/** The databases this run tests against, for `describe.each(DATABASES)`. */
export const DATABASES: readonly DatabaseKind[] = availableDatabases();

/** Whether the real server takes part in this run (for tests that only it can run). */
export const POSTGRES_AVAILABLE = DATABASES.includes('postgres');

export interface TestDatabase {
  kind: DatabaseKind;
  dataSource: DataSource;
  /** The schema created for this DataSource (also the first entry of its search_path). */
  schema: string;
  /** Drops the schema and destroys the DataSource. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  entities?: NonNullable<DataSourceOptions['entities']>;
  /** Create tables from the entities. Default true. */
  synchronize?: boolean;
  /** SQL run after synchronisation, one statement per entry (constraints a migration would add...). */
  setup?: readonly string[];
  /** More pg pool options (statement_timeout...), passed as TypeORM's `extra`. */
  extra?: Record<string, unknown>;
  /** TypeORM pool size on the real server. */
  poolSize?: number;
}

let sharedPglite: Promise<PGlite> | undefined;
let schemaCounter = 0;

afterAll(async () => {
  if (!sharedPglite) return;
  const instance = await sharedPglite;
  sharedPglite = undefined;
  await instance.close();
});

function uniqueSchemaName(kind: DatabaseKind): string {
  schemaCounter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `test_${kind === 'pglite' ? 'lite' : 'pg'}_${process.pid}_${schemaCounter}_${random}`;
}

/** Opens a fresh DataSource in a schema of its own on the given database. */
export async function openDatabase(kind: DatabaseKind, options: OpenDatabaseOptions = {}): Promise<TestDatabase> {
  const schema = uniqueSchemaName(kind);
  const searchPath = { options: `-c search_path=${schema},public` };
  const common = {
    type: 'postgres' as const,
    schema,
    entities: options.entities ?? [],
    synchronize: false,
    logging: false,
  };
  const dataSource =
    kind === 'pglite'
      ? new DataSource({
          ...common,
          driver: createPgliteDriver(await (sharedPglite ??= PGlite.create())),
          extra: { ...searchPath, ...options.extra },
        })
      : new DataSource({
          ...common,
          url: TEST_DATABASE_URL,
          poolSize: options.poolSize ?? 5,
          extra: { ...searchPath, ...options.extra },
        });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA "${schema}"`);
  if (options.synchronize ?? true) await dataSource.synchronize();
  for (const statement of options.setup ?? []) await dataSource.query(statement);
  return {
    kind,
    dataSource,
    schema,
    async close() {
      if (!dataSource.isInitialized) return;
      try {
        await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await dataSource.destroy();
      }
    },
  };
}

/** The error a statement that must fail threw (the test fails if it succeeds). */
export async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('The statement was expected to fail.');
}
