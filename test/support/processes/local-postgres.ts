import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort, postgresBinDir, serviceTempDir, serviceUser } from './system-user';

const run = promisify(execFile);

/**
 * A PostgreSQL server of our own: initdb into a temp folder, started with pg_ctl on a
 * spare port, restarted, stopped and its backends terminated by the test or the soak run
 * that owns it. The shared server other tests use (127.0.0.1:5432) is never touched: its
 * sessions belong to other runs. Restarting this instance with `pg_ctl restart -m fast`
 * is the same fault as `pg_ctlcluster <version> main restart` (which runs pg_ctl with the
 * cluster's folders) on an isolated server.
 */
export interface LocalPostgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly dataDir: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> (trust authentication, local only). */
  url(database?: string): string;
  /** `pg_ctl restart -m <mode>`: sessions are cut (57P01), new connections refused until it is up. */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  stop(mode?: 'smart' | 'fast' | 'immediate', wait?: boolean): Promise<void>;
  start(): Promise<void>;
  /** pg_terminate_backend for every other session of `database`; returns how many. */
  terminateBackends(database: string): Promise<number>;
  /** One statement as the superuser, on its own connection. */
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[], database?: string): Promise<T[]>;
  createDatabase(name: string): Promise<void>;
  /** The server's log (for a failing run's report). */
  log(): string;
  /** Stops the server at once and deletes its folder. */
  destroy(): Promise<void>;
}

export interface LocalPostgresOptions {
  /** postgresql.conf settings, on top of the defaults below. */
  settings?: Record<string, string | number>;
}

const live = new Set<() => void>();
process.once('exit', () => {
  for (const stop of live) stop();
});

export async function startLocalPostgres(options: LocalPostgresOptions = {}): Promise<LocalPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BIN_DIR.');
  const root = serviceTempDir('local-postgres-');
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  const port = await freePort();
  const user = serviceUser();
  const asService = { ...user, env: { ...process.env, LC_ALL: 'C' } };
  const pgCtl = (...args: string[]) => run(join(bin, 'pg_ctl'), ['-D', dataDir, ...args], asService);

  await run(
    join(bin, 'initdb'),
    ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'],
    asService,
  );
  const settings: Record<string, string | number> = {
    listen_addresses: "'127.0.0.1'",
    port,
    // The socket lives in the instance's own folder, never in /var/run/postgresql.
    unix_socket_directories: `'${root}'`,
    max_connections: 100,
    shared_buffers: "'32MB'",
    log_min_messages: 'warning',
    ...options.settings,
  };
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    '\n' +
      Object.entries(settings)
        .map(([key, value]) => `${key} = ${value}`)
        .join('\n') +
      '\n',
  );

  const start = async () => {
    await pgCtl('-l', logFile, '-w', '-t', '60', 'start');
  };
  const stopNow = () => {
    try {
      if (existsSync(join(dataDir, 'postmaster.pid')))
        execFileSync(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], {
          ...asService,
          stdio: 'ignore',
        });
    } catch {
      // Already stopped.
    }
  };
  live.add(stopNow);
  await start();

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async <T>(sql: string, parameters: unknown[] = [], database = 'postgres'): Promise<T[]> => {
    const client = new Client({ connectionString: url(database), connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  return {
    host: '127.0.0.1',
    port,
    dataDir,
    url,
    query,
    start,
    async restart(mode = 'fast') {
      await pgCtl('-m', mode, '-l', logFile, '-w', '-t', '60', 'restart');
    },
    async stop(mode = 'fast', wait = true) {
      await pgCtl('-m', mode, ...(wait ? ['-w', '-t', '60'] : ['-W']), 'stop');
    },
    async terminateBackends(database) {
      const rows = await query<{ n: number }>(
        'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      return rows[0].n;
    },
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/u.test(name)) throw new Error(`Not a plain database name: ${name}`);
      await query(`CREATE DATABASE ${name}`);
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async destroy() {
      stopNow();
      live.delete(stopNow);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
