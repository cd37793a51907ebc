import { DatabaseErrorFacts } from './kinds.js';

/** A failed statement: what the dialect read, plus the SQL and parameters when a source (TypeORM, Drizzle) kept them. */
export interface QueryFailure {
  kind: 'query';
  driverError: DatabaseErrorFacts;
  query: string | undefined;
  parameters: readonly unknown[] | undefined;
  /** What to log for a 5xx: the driver's own error object. */
  logged: unknown;
}

/** TypeORM's EntityNotFoundError (findOneOrFail, findOneByOrFail...). */
export interface EntityNotFound {
  kind: 'not-found';
  entityName: string | undefined;
}

export type Indexable = Record<string, unknown>;

export function isObject(value: unknown): value is Indexable {
  return typeof value === 'object' && value !== null;
}
