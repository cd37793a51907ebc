import { DEFAULT_DATABASE_TIMEOUTS } from '../src/database/data-source';
import { OPERATIONS, RACE_OPERATION, Race, Sample } from './load';

/**
 * The bounds the soak asserts, derived from the sample app's pool timeouts
 * (src/database/data-source.ts): a statement waits at most `connect` for a connection
 * and `query` for its answer (the server's `statement_timeout` is lower still), so a
 * request that runs n statements one after the other waits at most n times that. The
 * slack covers the event loop of a loaded 2-core machine.
 */
export const STATEMENT_BOUND_MS = DEFAULT_DATABASE_TIMEOUTS.connect + DEFAULT_DATABASE_TIMEOUTS.query;
export const SLACK_MS = 2_000;

export function waitBound(operation: string): number {
  const statements =
    operation === RACE_OPERATION ? 1 : (OPERATIONS.find((op) => op.name === operation)?.statements ?? 1);
  return Math.max(1, statements) * STATEMENT_BOUND_MS + SLACK_MS;
}

/**
 * Time to recover: from the end of a fault until every process has answered a
 * database-backed request with a 2xx and no request sent after the end got a 503 any
 * more. Bounded by one statement bound: a request sent after the end meets a pool whose
 * dead connections are replaced on first use (pg-pool drops a connection on its error)
 * and a PgBouncer that retries its server login every second (server_login_retry = 1).
 */
export const RECOVERY_BOUND_MS = STATEMENT_BOUND_MS;

export interface FaultWindow {
  mode: string;
  key: string;
  title: string;
  /** When the fault began and ended (ms on the run's clock). */
  start: number;
  end: number;
  /** Until when answers are attributed to this fault (the next fault's baseline starts after). */
  observedUntil: number;
  /** Where its chart begins. */
  chartFrom: number;
}

export interface FaultFigures {
  window: FaultWindow;
  answers: number;
  ok: number;
  expected4xx: number;
  unavailable: number;
  /** Answers that broke the contract, had a status the operation may not get, or no answer at all. */
  wrong: Sample[];
  longestWaitMs: number;
  longestWaitOperation: string;
  /** Requests that waited longer than their bound. */
  overBound: Sample[];
  recoveryMs: number | undefined;
  races: { total: number; exact: number; with503: number; broken: Race[] };
  lostRows: number;
}

/** The samples that belong to a fault: sent from its start until it is no longer observed. */
export function figuresOf(
  window: FaultWindow,
  samples: readonly Sample[],
  races: readonly Race[],
  targets: number,
  lostAt: readonly number[],
): FaultFigures {
  const mine = samples.filter((sample) => sample.start >= window.start && sample.start < window.observedUntil);
  const wrong = mine.filter((sample) => sample.problem !== undefined);
  let longest = mine[0];
  for (const sample of mine) if (sample.end - sample.start > longest.end - longest.start) longest = sample;
  const overBound = mine.filter((sample) => sample.end - sample.start > waitBound(sample.operation));
  const raced = races.filter((race) => race.start >= window.start && race.start < window.observedUntil);
  return {
    window,
    answers: mine.length,
    ok: mine.filter((sample) => sample.status >= 200 && sample.status < 300).length,
    expected4xx: mine.filter((sample) => sample.status >= 400 && sample.status < 500 && !sample.problem).length,
    unavailable: mine.filter((sample) => sample.status === 503).length,
    wrong,
    longestWaitMs: longest ? longest.end - longest.start : 0,
    longestWaitOperation: longest?.operation ?? '-',
    overBound,
    recoveryMs: recoveryOf(window, samples, targets),
    races: {
      total: raced.length,
      exact: raced.filter(isExact).length,
      with503: raced.filter((race) => race.statuses.includes(503)).length,
      broken: raced.filter((race) => !raceHolds(race)),
    },
    lostRows: lostAt.filter((at) => at >= window.start && at < window.observedUntil).length,
  };
}

const DATABASE_OPERATIONS = new Set([
  ...OPERATIONS.filter((op) => op.usesDatabase).map((op) => op.name),
  RACE_OPERATION,
]);

function recoveryOf(window: FaultWindow, samples: readonly Sample[], targets: number): number | undefined {
  const after = samples.filter(
    (sample) =>
      sample.start >= window.end && sample.start < window.observedUntil && DATABASE_OPERATIONS.has(sample.operation),
  );
  let recoveredAt = window.end;
  for (let target = 0; target < targets; target++) {
    const firstOk = after.find((sample) => sample.target === target && sample.status >= 200 && sample.status < 300);
    if (!firstOk) return undefined;
    recoveredAt = Math.max(recoveredAt, firstOk.end);
  }
  for (const sample of after) if (sample.status === 503) recoveredAt = Math.max(recoveredAt, sample.end);
  return recoveredAt - window.end;
}

/** One 201 and the rest 409: what a race must give whenever the database answered every request. */
export function isExact(race: Race): boolean {
  return count(race, 201) === 1 && count(race, 409) === race.statuses.length - 1;
}

/**
 * What a race must give in any case: never two 201s, only 201/409/503, and when no
 * request got a 503, exactly one 201. (A 503 may hide a create that committed: then the
 * others get 409 and nobody 201; the username still exists once.)
 */
export function raceHolds(race: Race): boolean {
  if (race.statuses.some((status) => ![201, 409, 503].includes(status))) return false;
  if (count(race, 201) > 1) return false;
  return race.statuses.includes(503) || isExact(race);
}

function count(race: Race, status: number): number {
  return race.statuses.filter((value) => value === status).length;
}
