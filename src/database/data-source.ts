import { mkdirSync } from 'node:fs';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig, DatabaseTimeouts } from '../config';
import { Table } from '../tables/table.entity';
import { TableColumn } from '../tables/table-column.entity';
import { User } from '../users/user.entity';
import { Schemas } from './database.constants';
import { InitialSchema1730000000000 } from './migrations/1730000000000-initial-schema';
import { createPgliteDriver } from 'typeorm-pglite';
import { quoteIdentifier } from './sql';

export const ENTITIES = [User, Table, TableColumn];
export const MIGRATIONS = [InitialSchema1730000000000];

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/u;

export function schemasOf(config: DatabaseConfig): Schemas {
  const schemas = { app: config.schema ?? 'public', userTables: config.userTablesSchema ?? 'user_tables' };
  for (const name of Object.values(schemas)) {
    // Also written into the connection's search_path option, so kept to plain names.
    if (!SCHEMA_NAME.test(name)) throw new Error(`Schema name "${name}" must be lower-case letters, digits and _.`);
  }
  if (schemas.app === schemas.userTables) throw new Error('The user tables need a schema of their own.');
  return schemas;
}

/** Connections per app process (TypeORM's pool size). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * How long a request may wait for PostgreSQL, so that no request hangs while the server
 * restarts, a pooler pauses, or slow statements hold every connection: the request then
 * fails within the bound and the error filter answers 503 with Retry-After.
 *
 * - connect 2 s: a pooled connection is normally free at once and a new one takes a few
 *   milliseconds on a local network; 2 s of waiting means the pool or the server is
 *   saturated or gone.
 * - statement 5 s: the app's statements are single-row reads and writes and small DDL;
 *   anything slower is a stuck lock or an overloaded server.
 * - query 6 s: one second above the statement timeout, so that the server's own
 *   cancellation (which keeps the connection usable) wins whenever the server answers.
 *
 * A statement therefore waits at most connect + query = 8 s; a route waits at most that
 * times the number of statements it runs one after the other (docs/operations.md, "Timeouts").
 */
export const DEFAULT_DATABASE_TIMEOUTS: Readonly<DatabaseTimeouts> = { connect: 2_000, statement: 5_000, query: 6_000 };

/** TypeORM options for the configured database; no `synchronize`: the schema comes from migrations. */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const schemas = schemasOf(config);
  const common = {
    type: 'postgres' as const,
    schema: schemas.app,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    // Unqualified names in migrations and raw SQL land in the app's schema.
    extra: { options: `-c search_path=${schemas.app}` },
  };
  if (config.kind === 'postgres') {
    const timeouts = { ...DEFAULT_DATABASE_TIMEOUTS, ...config.timeouts };
    return {
      ...common,
      url: config.url,
      poolSize: config.poolSize ?? DEFAULT_POOL_SIZE,
      extra: {
        ...common.extra,
        connectionTimeoutMillis: timeouts.connect,
        statement_timeout: timeouts.statement,
        query_timeout: timeouts.query,
      },
    };
  }
  const source = config.instance ?? (config.dataDir ? { dataDir: config.dataDir } : {});
  return { ...common, driver: createPgliteDriver(source) };
}

/**
 * Connects, creates both schemas if needed and runs pending migrations, before the app
 * serves a request (and before the error module reads the constraint catalog).
 */
export async function openDataSource(config: DatabaseConfig, options = dataSourceOptions(config)): Promise<DataSource> {
  const schemas = schemasOf(config);
  if (config.kind === 'pglite' && config.dataDir && !config.instance) mkdirSync(config.dataDir, { recursive: true });
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schemas.app)}`);
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schemas.userTables)}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}
