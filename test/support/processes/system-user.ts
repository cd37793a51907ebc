import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * PostgreSQL's `initdb`/`postgres` and PgBouncer refuse to run as root. When this process
 * is root (CI, containers), they run as the `postgres` system user that Debian's
 * packages create: spawned with its uid/gid, in folders it owns. Otherwise they run as
 * the current user.
 */
export interface RunAs {
  uid?: number;
  gid?: number;
}

let cached: RunAs | undefined;

export function serviceUser(): RunAs {
  if (cached) return cached;
  if (process.getuid?.() !== 0) return (cached = {});
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    cached = { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, and there is no `postgres` system user to run PostgreSQL and PgBouncer as.');
  }
  return cached;
}

/** A fresh folder under the system temp dir, owned by the service user. */
export function serviceTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { uid, gid } = serviceUser();
  if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
  return dir;
}

/** A TCP port nothing listens on right now (the OS picks it; it is released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The first file of `candidates` that exists. */
export function firstExisting(candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => existsSync(candidate));
}

/** PostgreSQL's server binaries (`initdb`, `pg_ctl`): Debian keeps them per major version. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/u.test(name) && existsSync(join(root, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return join(root, versions[0], 'bin');
  try {
    const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    return existsSync(join(bin, 'pg_ctl')) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** Debian's `pgbouncer` package puts it in /usr/sbin, which is not on every user's PATH. */
export function pgbouncerBinary(): string | undefined {
  const fromPath = (process.env.PATH ?? '').split(':').map((dir) => join(dir, 'pgbouncer'));
  return firstExisting([...fromPath, '/usr/sbin/pgbouncer', '/usr/local/sbin/pgbouncer']);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
