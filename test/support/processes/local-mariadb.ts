import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, sleep } from './system-user';

const run = promisify(execFile);

export const MARIADB_SERVER = '/usr/sbin/mariadbd';
export const MARIADB_INSTALL_DB = '/usr/bin/mariadb-install-db';

/**
 * A MariaDB server of our own: `mariadb-install-db` into a temp folder, `mariadbd` on a
 * spare port with its own socket, stopped and started by the test that owns it. The
 * shared server on 127.0.0.1:3306 is never touched: other runs use it.
 */
export interface LocalMariadb {
  readonly port: number;
  /** mysql://<user>@127.0.0.1:<port>/<database> */
  url(database: string, user?: string): string;
  start(): Promise<void>;
  /** SIGTERM (mariadbd's clean shutdown), then waits for the process to end. */
  stop(): Promise<void>;
  /** Statements as root, on a connection of their own. */
  query(statements: readonly string[]): Promise<unknown[]>;
  log(): string;
  destroy(): Promise<void>;
}

/** Whether this machine has MariaDB's server programs; on CI their absence is a failure. */
export function canRunLocalMariadb(purpose: string): boolean {
  if (existsSync(MARIADB_SERVER) && existsSync(MARIADB_INSTALL_DB)) return true;
  const message = `MariaDB server programs (apt-get install -y mariadb-server) not installed: skipped ${purpose}.`;
  if (process.env.CI) throw new Error(message);
  process.stderr.write(`${message}\n`);
  return false;
}

export async function startLocalMariadb(settings: readonly string[] = []): Promise<LocalMariadb> {
  const root = mkdtempSync(join(tmpdir(), 'nec-local-mariadb-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  await run(MARIADB_INSTALL_DB, [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    ...asRoot,
  ]);
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      MARIADB_SERVER,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(root, 'mariadb.sock')}`,
        `--pid-file=${join(root, 'mariadb.pid')}`,
        `--log-error=${logFile}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=16M',
        ...asRoot,
        ...settings,
      ],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; attempt < 120; attempt++) {
      try {
        await query(['SELECT 1']);
        return;
      } catch {
        await sleep(250);
      }
    }
    throw new Error(`The local MariaDB server did not start:\n${readLog()}`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const url = (database: string, user = 'root') => `mysql://${user}@127.0.0.1:${port}/${database}`;
  async function query(statements: readonly string[]): Promise<unknown[]> {
    const mysql = await import('mysql2/promise');
    const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000 });
    try {
      const results: unknown[] = [];
      for (const statement of statements) results.push((await connection.query(statement))[0]);
      return results;
    } finally {
      await connection.end().catch(() => undefined);
    }
  }
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  await start();
  return {
    port,
    url,
    start,
    stop,
    query,
    log: readLog,
    async destroy() {
      await stop();
      process.removeListener('exit', killOnExit);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
