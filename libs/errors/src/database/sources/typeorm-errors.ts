import { Indexable, isObject } from '../failure.js';
import { DatabaseErrorFacts } from '../kinds.js';

/** A failed statement as TypeORM reports it: QueryFailedError around the driver's error. */
export interface WrappedFailure {
  cause: Indexable;
  query: string | undefined;
  parameters: readonly unknown[] | undefined;
}

/**
 * TypeORM's QueryFailedError, recognised by shape and name rather than `instanceof`, so
 * that an app with a second copy of typeorm in node_modules (or errors crossing realms)
 * still works. Its message is the driver's, so the wrapper itself is also read as a
 * raw error when the driver's error says nothing on its own.
 */
export function unwrapQueryFailedError(error: Indexable): WrappedFailure | undefined {
  if (!isObject(error.driverError)) return undefined;
  if (error.name !== 'QueryFailedError' && typeof error.query !== 'string') return undefined;
  return {
    cause: error.driverError,
    query: typeof error.query === 'string' ? error.query : undefined,
    parameters: Array.isArray(error.parameters) ? error.parameters : undefined,
  };
}

/**
 * TypeORM's own errors that mean the connection went away: a query runner is released
 * when its connection emits an error (the server cut the session), so the next statement
 * of the same request (the count of a findAndCount..., the next statement of a
 * transaction through its EntityManager) finds it released.
 */
const RELEASED_QUERY_RUNNER = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

export function readTypeormConnectionError(error: Indexable): DatabaseErrorFacts | undefined {
  return typeof error.name === 'string' && RELEASED_QUERY_RUNNER.has(error.name)
    ? { dialect: undefined, code: '08003', situation: 'unavailable' }
    : undefined;
}

/** The entity TypeORM's EntityNotFoundError (findOneOrFail...) names, or undefined for other errors. */
export function entityNotFound(error: Indexable): { entityName: string | undefined } | undefined {
  if (error.name !== 'EntityNotFoundError' || !('entityClass' in error)) return undefined;
  return { entityName: entityNameOf(error.entityClass) };
}

/** The name TypeORM prints for an entity target: class, EntitySchema, or string. */
function entityNameOf(target: unknown): string | undefined {
  if (typeof target === 'function') return (target as { name?: string }).name || undefined;
  if (typeof target === 'string') return target;
  if (isObject(target)) {
    if (isObject(target.options) && typeof target.options.name === 'string') return target.options.name;
    if (typeof target.name === 'string') return target.name;
  }
  return undefined;
}
