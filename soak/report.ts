import { DEFAULT_DATABASE_TIMEOUTS } from '../src/database/data-source';
import { PGBOUNCER_DEFAULTS } from '../test/support/processes/pgbouncer';
import { FaultFigures, RECOVERY_BOUND_MS, SLACK_MS, STATEMENT_BOUND_MS, waitBound } from './figures';
import { OPERATIONS } from './load';
import type { Persistence } from './persistence';

export interface ModeResult {
  mode: string;
  figures: FaultFigures[];
  persistence: Persistence;
  answers: number;
  seconds: number;
  /** The charts: PNG files relative to docs/, and what each shows. */
  charts: Array<{ file: string; title: string }>;
}

const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);

export function figuresTable(results: readonly ModeResult[]): string[] {
  const lines = [
    '| mode | fault | fault lasted | answers | 503 (all with Retry-After) | other non-2xx (expected 4xx) | wrong answers | longest wait (route) | its bound | time to recover | races: exact / with a 503 / broken | lost rows |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    for (const figures of result.figures) {
      const { window } = figures;
      lines.push(
        `| ${result.mode} | ${window.title} | ${seconds(window.end - window.start)} | ${figures.answers} | ${figures.unavailable} | ${figures.expected4xx} | ${figures.wrong.length} | ` +
          `${seconds(figures.longestWaitMs)} (${figures.longestWaitOperation}) | ${seconds(waitBound(figures.longestWaitOperation))} | ${seconds(figures.recoveryMs)} | ` +
          `${figures.races.exact} / ${figures.races.with503} / ${figures.races.broken.length} | ${figures.lostRows} |`,
      );
    }
  }
  return lines;
}

export function persistenceLines(results: readonly ModeResult[]): string[] {
  return results.map(
    (result) =>
      `- ${result.mode}: ${result.answers.toLocaleString('en-US')} answers in ${Math.round(result.seconds)} s; ` +
      `${result.persistence.acknowledgedUsers} users and ${result.persistence.acknowledgedRecords} records acknowledged with 201, ` +
      `${result.persistence.lost.length} missing afterwards, ${result.persistence.duplicateUsernames.length} usernames stored twice, ` +
      `${result.persistence.raceRows.length} races whose rows disagree with their answers.`,
  );
}

export function renderReport(
  results: readonly ModeResult[],
  header: readonly string[],
  failures: readonly string[],
): string {
  const lines = [
    '# Soak: several app processes, PgBouncer, and a database failing under load',
    '',
    ...header,
    '',
    failures.length === 0 ? '**Every assertion held.**' : `**${failures.length} assertion(s) failed:**`,
    ...failures.map((failure) => `- ${failure}`),
    '',
    '## Figures per fault',
    '',
    ...figuresTable(results),
    '',
    ...persistenceLines(results),
    '',
    '## What is asserted, and the bounds',
    '',
    `- **Answers.** Every answer has a status its route may give (201/200, the 4xx of the request's own mistake) or 503 when the route uses the database; every non-2xx is in the contract (JSON array of \`{message, error_code, field, details}\`, \`X-Request-Id\`); every 503 carries \`Retry-After: 1\`, \`details.retryable: true\` and code 3030 or 3031. No 500, no other 5xx, no request without an answer.`,
    `- **Waits.** The sample app's pool (src/database/data-source.ts) waits at most ${DEFAULT_DATABASE_TIMEOUTS.connect / 1000} s for a connection (\`connectionTimeoutMillis\`), the server cancels a statement after ${DEFAULT_DATABASE_TIMEOUTS.statement / 1000} s (\`statement_timeout\`) and the driver gives up on an answer after ${DEFAULT_DATABASE_TIMEOUTS.query / 1000} s (\`query_timeout\`). One statement therefore waits at most ${STATEMENT_BOUND_MS / 1000} s, and a route that runs n statements one after the other at most n x ${STATEMENT_BOUND_MS / 1000} s, plus ${SLACK_MS / 1000} s for the event loop of a loaded 2-core machine: ${OPERATIONS.map((op) => `${op.name} ${op.statements} (${waitBound(op.name) / 1000} s)`).join(', ')}.`,
    `- **Recovery.** From the end of a fault until every process has answered a database-backed request with a 2xx and no request sent after the end gets a 503 any more; bound ${RECOVERY_BOUND_MS / 1000} s, without restarting anything: a pool drops a connection on its error and opens a new one on the next request, and PgBouncer retries its server login every second.`,
    '- **Nothing acknowledged is lost.** After the load, every user and record a client got a 201 for is read back from the database with the values the 201 said; no username exists twice.',
    "- **Races.** Every 0.4-0.5 s one new username is created by two requests to each of the three processes at once. When no request got a 503: exactly one 201 and five 409 `USERNAME_TAKEN` on `username`. In any case never two 201s, and the database holds the username once (the 201's row) if anyone got 201 or 409. A 503 can hide a create that committed (the connection died after the commit): then nobody gets 201 and the others 409, which is still one row.",
    '',
    '## How it runs',
    '',
    '- Its own PostgreSQL server: `initdb` into a temp folder, started with `pg_ctl` on a spare port (the shared server on 5432 that the tests use is never touched). "PostgreSQL restarts" is `pg_ctl restart -m fast` on that server: what `pg_ctlcluster <version> main restart` does for a Debian cluster, on an isolated one. "Every backend terminated" is `pg_terminate_backend` on every session of the soak database.',
    `- Its own PgBouncer (Debian's package) on a spare port: \`${Object.entries(PGBOUNCER_DEFAULTS)
      .map(([key, value]) => `${key} = ${value}`)
      .join(
        '`, `',
      )}\`. Transaction pooling cannot carry the session settings the driver sends when it connects, so PgBouncer ignores them and the database has the same statement timeout as its own default (\`ALTER DATABASE ... SET statement_timeout\`). PAUSE/RESUME through its admin console; "stopped" is SIGTERM (immediate shutdown) and a new PgBouncer on the same port a few seconds later.`,
    '- "Slow statements fill every pool": a session holds `ACCESS EXCLUSIVE` locks on `users` and on the records\' table, so every statement of the app on them waits; each process\'s pool (10 connections) fills with waiting statements and the requests behind them wait for a connection (and, through PgBouncer, its 20 server connections fill and clients queue there).',
    '- The sample app as 3 processes (`src/main.ts`, Express, Fastify, Express) with `DATABASE_URL` to the server or to PgBouncer; a closed-loop mixed load from the runner process on keep-alive connections: creates, creates refused by the DTO (no database), usernames refused by a check constraint, taken usernames, reads, lists, record inserts into a user table, record values refused by their column type, and schema changes racing them (a column of another user table renamed and retyped from every process while records are inserted into and read from its table: 200, 201 or 400 UNKNOWN_COLUMN, never a 500); plus the races.',
    '',
    '## Timelines',
    '',
    ...results.flatMap((result) => result.charts.map((chart) => `![${chart.title}](${chart.file})`)),
    '',
  ];
  return lines.join('\n');
}
