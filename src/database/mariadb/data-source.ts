import { DataSourceOptions, MixedList } from 'typeorm';
import { DatabaseTimeouts } from '../../config';

/** The database a `mysql://host/<database>` URL names; the app's tables live there. */
export function mariadbDatabaseOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//u, ''));
  if (!/^[a-z_][a-z0-9_]{0,50}$/u.test(name)) {
    throw new Error(`The database of DATABASE_URL ("${name}") must be lower-case letters, digits and _.`);
  }
  return name;
}

interface MariadbSetup {
  entities: MixedList<string | (new () => unknown)>;
  migrations: MixedList<string | (new () => unknown)>;
  poolSize: number;
  timeouts: DatabaseTimeouts;
}

/**
 * TypeORM on MariaDB through mysql2 (`mariadb://` is read as `mysql://`). A new
 * connection waits at most `connectTimeout`. Unlike on PostgreSQL, no statement bound
 * is sent: mysql2's pool has no per-connection setup to set `max_statement_time`, and
 * its client-side `timeout` is per query. A server that stops answering is then noticed
 * by the socket (docs/databases.md, "The sample app on MariaDB").
 */
export function mariadbOptions(config: { url: string }, setup: MariadbSetup): DataSourceOptions {
  const url = config.url.replace(/^mariadb:/iu, 'mysql:');
  return {
    type: 'mariadb',
    url,
    entities: setup.entities,
    migrations: setup.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    poolSize: setup.poolSize,
    connectTimeout: setup.timeouts.connect,
    // Dates are stored and read in UTC, as timestamptz values are on PostgreSQL.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
  } as DataSourceOptions;
}
