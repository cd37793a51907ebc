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
export type DatabaseKind = 'pglite' | 'postgres' | 'mariadb';

/** The PostgreSQL kinds: suites whose SQL is PostgreSQL's run on these. */
export type PostgresKind = 'pglite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const REPOSITORY_ROOT = resolve(__dirname, '../..');

/**
 * The MariaDB (or MySQL) server the MySQL-dialect suites run on. Each suite creates a
 * database of its own there (`nec_test_...`) and drops it.
 */
export const TEST_MARIADB_URL = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';

const PG_PROBE = `
    const { Client } = require('pg');
    const client = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), (error) => {
      process.stderr.write(String(error && error.message || error));
      process.exit(1);
    });`;

const MARIADB_PROBE = `
    const mysql = require('mysql2/promise');
    mysql.createConnection({ uri: process.env.PROBE_URL, connectTimeout: 3000 }).then((connection) => connection.end())
      .then(() => process.exit(0), (error) => {
        process.stderr.write(String(error && error.message || error));
        process.exit(1);
      });`;

/** Connects once in a child process (describe.each needs the answer synchronously). */
function probeServer(url: string, script = PG_PROBE): string | undefined {
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

function serverMustBeReachable(variable: string): boolean {
  return Boolean(process.env.CI) || process.env[variable] === '1';
}

/** The user-machine rule: say once, plainly, that the real-server runs were skipped. */
function reportSkippedOnce(server: string, url: string): void {
  // Each test file is its own module registry, so "once" is kept in a marker file per jest run.
  const marker = join(tmpdir(), `nest-errors-${server.toLowerCase()}-skipped-${process.ppid}`);
  if (existsSync(marker)) return;
  writeFileSync(marker, '');
  process.stderr.write(
    `${server} server not reachable at ${redact(url)}: skipped the real-server database runs on it.\n`,
  );
}

function serverAvailable(server: string, url: string, script: string, requirement: string, setting: string): boolean {
  const failure = probeServer(url, script);
  if (failure === undefined) return true;
  if (serverMustBeReachable(requirement)) {
    throw new Error(
      `${server} server not reachable at ${redact(url)} (${failure}). ` +
        `CI or ${requirement}=1 requires it; start it or set ${setting}.`,
    );
  }
  reportSkippedOnce(server, url);
  return false;
}

/** The PostgreSQL databases this run tests against, for `describe.each(DATABASES)`. */
export const DATABASES: readonly PostgresKind[] = serverAvailable(
  'PostgreSQL',
  TEST_DATABASE_URL,
  PG_PROBE,
  'REQUIRE_POSTGRES',
  'TEST_DATABASE_URL',
)
  ? ['pglite', 'postgres']
  : ['pglite'];

/** Whether the real server takes part in this run (for tests that only it can run). */
export const POSTGRES_AVAILABLE = DATABASES.includes('postgres');

/** Whether the MariaDB server takes part in this run (required on CI and with REQUIRE_MARIADB=1). */
export const MARIADB_AVAILABLE = serverAvailable(
  'MariaDB',
  TEST_MARIADB_URL,
  MARIADB_PROBE,
  'REQUIRE_MARIADB',
  'TEST_MARIADB_URL',
);

/** Every database this run tests against, for suites written for both dialects. */
export const ALL_DATABASES: readonly DatabaseKind[] = [
  ...DATABASES,
  ...(MARIADB_AVAILABLE ? ['mariadb' as const] : []),
];

export interface TestDatabase {
  kind: DatabaseKind;
  dataSource: DataSource;
  /** The schema created for this DataSource (also the first entry of its search_path); on MariaDB its database. */
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
  /** More pool options (pg's statement_timeout, mysql2's...), passed as TypeORM's `extra`. */
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
  const prefix = { pglite: 'test_lite', postgres: 'test_pg', mariadb: 'nec_test' }[kind];
  return `${prefix}_${process.pid}_${schemaCounter}_${random}`;
}

/** The MariaDB server's URL with another database. */
export function mariadbUrl(database: string): string {
  const url = new URL(TEST_MARIADB_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the MariaDB server outside any test database (CREATE/DROP DATABASE...). */
export async function onMariadbServer(statements: readonly string[]): Promise<void> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection({ uri: TEST_MARIADB_URL });
  try {
    for (const statement of statements) await connection.query(statement);
  } finally {
    await connection.end();
  }
}

/** A fresh MariaDB database of its own with a TypeORM DataSource on it. */
async function openMariadb(options: OpenDatabaseOptions): Promise<TestDatabase> {
  const database = uniqueSchemaName('mariadb');
  await onMariadbServer([`CREATE DATABASE \`${database}\``]);
  const dataSource = new DataSource({
    type: 'mariadb',
    url: mariadbUrl(database),
    entities: options.entities ?? [],
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 5,
    extra: options.extra,
  });
  try {
    await dataSource.initialize();
    if (options.synchronize ?? true) await dataSource.synchronize();
    for (const statement of options.setup ?? []) await dataSource.query(statement);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await onMariadbServer([`DROP DATABASE IF EXISTS \`${database}\``]);
    throw error;
  }
  return {
    kind: 'mariadb',
    dataSource,
    schema: database,
    async close() {
      try {
        if (dataSource.isInitialized) await dataSource.destroy();
      } finally {
        await onMariadbServer([`DROP DATABASE IF EXISTS \`${database}\``]);
      }
    },
  };
}

/** Opens a fresh DataSource in a schema (on MariaDB: a database) of its own on the given database. */
export async function openDatabase(kind: DatabaseKind, options: OpenDatabaseOptions = {}): Promise<TestDatabase> {
  if (kind === 'mariadb') return openMariadb(options);
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
