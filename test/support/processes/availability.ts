import { pgbouncerBinary, postgresBinDir } from './system-user';

/**
 * Whether this machine can run a test that starts its own PostgreSQL server (Debian's
 * `postgresql` package) and PgBouncer (`pgbouncer`). On a developer's machine a missing
 * program skips the test with a printed reason, as the real-server database runs do;
 * with `CI` set the absence is a failure (CI installs both: .ci/run).
 */
export function canRunInfrastructure(purpose: string, needs: { pgbouncer: boolean }): boolean {
  const missing = [
    postgresBinDir() ? undefined : 'PostgreSQL server binaries (initdb, pg_ctl; apt-get install -y postgresql)',
    needs.pgbouncer && !pgbouncerBinary() ? 'pgbouncer (apt-get install -y pgbouncer)' : undefined,
  ].filter((item): item is string => item !== undefined);
  if (missing.length === 0) return true;
  const message = `${missing.join(' and ')} not installed: skipped ${purpose}.`;
  if (process.env.CI) throw new Error(`${message.replace(/skipped .*$/u, '')}CI must run ${purpose}.`);
  process.stderr.write(`${message}\n`);
  return false;
}
