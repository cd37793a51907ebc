import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, pgbouncerBinary, serviceTempDir, serviceUser, sleep } from './system-user';

/**
 * A PgBouncer of our own (Debian's `pgbouncer` package), started with an ini file
 * written here, on a spare local port, in transaction pooling mode unless told
 * otherwise. The admin console (database `pgbouncer`) pauses, resumes and reloads it;
 * `stop()` is an immediate shutdown (SIGTERM) and `start()` brings it back on the same
 * port and settings.
 */
export interface PgBouncer {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  /** One admin console command (SHOW POOLS, PAUSE db, RESUME, RELOAD...). */
  admin<T = Record<string, unknown>>(command: string): Promise<T[]>;
  /** Points `database` somewhere else (a libpq connection string) and reloads. */
  setDatabase(name: string, target: string): Promise<void>;
  /** Changes [pgbouncer] settings and reloads. */
  setSettings(settings: Record<string, string | number>): Promise<void>;
  /** SIGTERM: immediate shutdown, clients are cut, the port refuses connections. */
  stop(): Promise<void>;
  start(): Promise<void>;
  log(): string;
  destroy(): Promise<void>;
}

export interface PgBouncerOptions {
  /** Database name -> libpq connection string (`host=127.0.0.1 port=5432 dbname=test`). */
  databases: Record<string, string>;
  /** [pgbouncer] settings over the defaults below. */
  settings?: Record<string, string | number>;
}

/**
 * Defaults for running behind an app's pool: transaction pooling; a client waiting for a
 * server connection gets PgBouncer's own error after `query_wait_timeout` seconds instead
 * of the default 120; a failed server login is retried after 1 s instead of 15, so
 * PgBouncer notices at once that the server is back; startup parameters that the pg
 * driver sends and transaction pooling cannot honour (`options`, session timeouts) are
 * ignored rather than refused (the server's own settings for the role or database apply).
 */
export const PGBOUNCER_DEFAULTS: Readonly<Record<string, string | number>> = {
  pool_mode: 'transaction',
  max_client_conn: 500,
  default_pool_size: 20,
  query_wait_timeout: 3,
  server_login_retry: 1,
  server_connect_timeout: 3,
  ignore_startup_parameters:
    'extra_float_digits,options,statement_timeout,lock_timeout,idle_in_transaction_session_timeout',
};

const live = new Set<() => void>();
process.once('exit', () => {
  for (const stop of live) stop();
});

export function pgbouncerInstalled(): boolean {
  return pgbouncerBinary() !== undefined;
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const binary = pgbouncerBinary();
  if (!binary) throw new Error('pgbouncer is not installed (Debian: apt-get install -y pgbouncer).');
  const root = serviceTempDir('pgbouncer-');
  const port = await freePort();
  const ini = join(root, 'pgbouncer.ini');
  const logFile = join(root, 'pgbouncer.log');
  const pidFile = join(root, 'pgbouncer.pid');
  const databases = { ...options.databases };
  const settings: Record<string, string | number> = { ...PGBOUNCER_DEFAULTS, ...options.settings };
  writeFileSync(join(root, 'userlist.txt'), '"postgres" ""\n', { mode: 0o644 });

  const writeIni = () =>
    writeFileSync(
      ini,
      [
        '[databases]',
        ...Object.entries(databases).map(([name, target]) => `${name} = ${target}`),
        '',
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        `unix_socket_dir = ${root}`,
        'auth_type = trust',
        `auth_file = ${join(root, 'userlist.txt')}`,
        'admin_users = postgres',
        `logfile = ${logFile}`,
        `pidfile = ${pidFile}`,
        ...Object.entries(settings).map(([key, value]) => `${key} = ${value}`),
        '',
      ].join('\n'),
      { mode: 0o644 },
    );
  writeIni();

  let child: ChildProcess | undefined;
  const kill = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  live.add(kill);

  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = async <T>(command: string): Promise<T[]> => {
    const client = new Client({ connectionString: url('pgbouncer'), connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      // The console speaks the simple query protocol only: no parameters.
      return (await client.query(command)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  const start = async () => {
    if (existsSync(pidFile)) rmSync(pidFile, { force: true });
    const spawned = spawn(binary, [ini], { ...serviceUser(), stdio: ['ignore', 'ignore', 'pipe'] });
    child = spawned;
    let stderr = '';
    spawned.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    for (let attempt = 0; attempt < 100; attempt++) {
      if (spawned.exitCode !== null || spawned.signalCode !== null)
        throw new Error(`pgbouncer exited at start (${spawned.exitCode ?? spawned.signalCode}): ${stderr}`);
      try {
        await admin('SHOW VERSION');
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(`pgbouncer did not accept connections on port ${port}: ${stderr}`);
  };

  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    port,
    url,
    admin,
    start,
    stop,
    async setDatabase(name, target) {
      databases[name] = target;
      writeIni();
      await admin('RELOAD');
    },
    async setSettings(changes) {
      Object.assign(settings, changes);
      writeIni();
      await admin('RELOAD');
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async destroy() {
      await stop();
      live.delete(kill);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
