import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** Where the app keeps its data: an embedded PGlite (default) or a PostgreSQL server. */
export type DatabaseConfig =
  | {
      kind: 'pglite';
      /** Folder the data persists in; omitted = in memory. Ignored when `instance` is given. */
      dataDir?: string;
      /** An open PGlite instance the caller owns (tests share one per file). */
      instance?: PGlite;
      /** Schema of the app's own tables (users, tables, columns). Default `public`. */
      schema?: string;
      /** Schema the user-defined tables are created in. Default `user_tables`. */
      userTablesSchema?: string;
    }
  | {
      kind: 'postgres';
      url: string;
      schema?: string;
      userTablesSchema?: string;
      poolSize?: number;
      /** How long the app waits for the server; defaults in src/database/data-source.ts. */
      timeouts?: Partial<DatabaseTimeouts>;
    };

/** The bounds on every wait for a PostgreSQL server (milliseconds). */
export interface DatabaseTimeouts {
  /** For a connection from the pool, a new connection included (pg-pool's `connectionTimeoutMillis`). */
  connect: number;
  /** For one statement, enforced by the server (`statement_timeout`, sent when connecting). */
  statement: number;
  /**
   * For the answer to one statement, enforced by the driver (pg's `query_timeout`): the
   * backstop when no answer comes at all (a paused pooler, a server that stopped
   * answering), and the only statement bound behind a transaction pooler that cannot
   * carry `statement_timeout` to the server.
   */
  query: number;
}

export interface AppConfig {
  database: DatabaseConfig;
  /**
   * How many `POST /api/v0/users` one client (IP address) may send per minute
   * (`THROTTLE_LIMIT`). Default DEFAULT_THROTTLE_LIMIT: high enough for the tests and the
   * soak, which send from one address.
   */
  throttleLimit?: number;
}

export const DEFAULT_THROTTLE_LIMIT = 100_000;

/** The folder `npm start` keeps PGlite's data in (git-ignored). */
export const DEFAULT_PGLITE_DATA_DIR = '.data/pglite';

/**
 * The configuration `npm start` runs with: `DATABASE_URL` selects a PostgreSQL server,
 * otherwise an embedded PGlite persisting to `.data/pglite` (or `PGLITE_DATA_DIR`).
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const throttleLimit = throttleLimitOf(env.THROTTLE_LIMIT);
  const url = env.DATABASE_URL?.trim();
  if (url) return { database: { kind: 'postgres', url }, throttleLimit };
  return {
    database: { kind: 'pglite', dataDir: resolve(env.PGLITE_DATA_DIR?.trim() || DEFAULT_PGLITE_DATA_DIR) },
    throttleLimit,
  };
}

/** `THROTTLE_LIMIT`: a whole number of requests per minute, at least 1; a typo stops the start. */
function throttleLimitOf(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_THROTTLE_LIMIT;
  const limit = Number(value);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new Error(`THROTTLE_LIMIT is "${value}"; set a whole number of requests per minute (at least 1).`);
  }
  return limit;
}
