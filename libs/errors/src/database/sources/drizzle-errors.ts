import { Indexable, isObject } from '../failure.js';
import { WrappedFailure } from './typeorm-errors.js';

/**
 * Drizzle's DrizzleQueryError (drizzle-orm 0.44 and later): the SQL in `query`, the
 * parameters in `params`, the driver's error (pg, PGlite, mysql2) in `cause`. Older
 * versions threw the driver's error itself, which the dialects read as a raw error.
 * Recognised by shape (it sets no `name` of its own: its constructor's name, or the
 * message it builds, `Failed query: ...`), so the root entry never imports drizzle-orm.
 */
export function unwrapDrizzleQueryError(error: Indexable): WrappedFailure | undefined {
  if (!isObject(error.cause) || typeof error.query !== 'string') return undefined;
  const named = (error.constructor as { name?: unknown } | undefined)?.name === 'DrizzleQueryError';
  if (!named && !(typeof error.message === 'string' && error.message.startsWith('Failed query: '))) return undefined;
  return {
    cause: error.cause,
    query: typeof error.query === 'string' ? error.query : undefined,
    parameters: Array.isArray(error.params) ? error.params : undefined,
  };
}
