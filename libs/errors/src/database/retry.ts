import { RETRYABLE_SITUATIONS } from './kinds.js';
import { readFailure } from './read-failure.js';

/**
 * True for serialization failures, deadlocks and lock timeouts, on PostgreSQL and
 * MySQL/MariaDB alike, whether TypeORM, Drizzle or the driver threw them.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const failure = readFailure(error);
  return failure?.kind === 'query' && RETRYABLE_SITUATIONS.has(failure.driverError.situation);
}

export type TransactionIsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** A TypeORM DataSource or EntityManager (anything with `transaction(isolationLevel, work)`). */
export interface TransactionRunner<M> {
  transaction<T>(isolationLevel: TransactionIsolationLevel, work: (manager: M) => Promise<T>): Promise<T>;
}

export interface TransactionRetryOptions {
  /** Isolation level of each attempt. Default 'SERIALIZABLE' (the level that needs retries). */
  isolationLevel?: TransactionIsolationLevel;
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** Backoff before the second attempt, doubled each time. Default 20 ms. */
  baseDelayMs?: number;
  /** Ceiling of one backoff. Default 1000 ms. */
  maxDelayMs?: number;
  /** Called before each retry (for logging or metrics). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Source of randomness in [0, 1) for the jitter. Default Math.random (tests pass their own). */
  random?: () => number;
  /** How to wait. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `work` in a transaction and re-runs the whole transaction when the database
 * aborts it with a serialization failure or a deadlock (PostgreSQL 40001, 40P01; MySQL
 * 1213) or a lock wait ran out (PostgreSQL 55P03, MySQL 1205), as PostgreSQL's docs
 * ("Serialization Failure Handling") and CockroachDB's client-side retry guide prescribe:
 * bounded attempts, exponential backoff with full jitter (a random wait up to
 * min(max, base * 2^retry)) so that the transactions that collided do not collide again.
 * After the last attempt the error is rethrown, and the translator answers 409 with
 * `details.retryable: true`. Other errors are rethrown at once.
 *
 * `work` may run several times: keep side effects other than database writes (emails,
 * HTTP calls) out of it. Call it outside any open transaction: retrying inside one
 * would only retry a savepoint, and the outer transaction stays aborted.
 */
export async function runTransactionWithRetry<M, T>(
  runner: TransactionRunner<M>,
  work: (manager: M) => Promise<T>,
  options: TransactionRetryOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const baseDelayMs = options.baseDelayMs ?? 20;
  const maxDelayMs = options.maxDelayMs ?? 1000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const isolationLevel = options.isolationLevel ?? 'SERIALIZABLE';
  for (let attempt = 1; ; attempt++) {
    try {
      return await runner.transaction(isolationLevel, work);
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryableTransactionError(error)) throw error;
      const delayMs = Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}
