import { uid } from './app-harness';

/**
 * A valid body for every operation of the sample app that reads one, keyed like
 * `POST /api/v0/users`: tests break one thing at a time from it, or send it to reach
 * the database. documented-errors.e2e-spec checks that every body route has one.
 */
export const VALID_BODIES: Readonly<Record<string, () => Record<string, unknown>>> = {
  'POST /api/v0/users': () => ({ email: `valid${uid()}@example.com`, username: `valid${uid()}` }),
  'PATCH /api/v0/users/{id}': () => ({}),
  'POST /api/v0/tables': () => ({ name: `t${uid()}`, owner_id: 1 }),
  'POST /api/v0/tables/{tableId}/columns': () => ({ name: 'c', type: 'TEXT' }),
  'POST /api/v0/tables/{tableId}/constraints': () => ({ type: 'unique', columns: ['c'] }),
  'POST /api/v0/tables/{tableId}/records': () => ({ values: {} }),
  'PATCH /api/v0/columns/{id}': () => ({}),
};

/**
 * The operations of an OpenAPI document that reach the database (they document a 503),
 * as `METHOD /path` with their path template. The error code catalogue does not.
 */
export function operationsOf(document: {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}): Array<{ method: string; path: string }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.responses?.['503'] !== undefined)
      .map(([method]) => ({ method: method.toUpperCase(), path })),
  );
}
