import {
  DUPLICATE_BODY,
  MALFORMED_JSON_BODY,
  SEVEN_VIOLATIONS_BODY,
  VALID_BODY,
  ZOD_SEVEN_VIOLATIONS_BODY,
} from './apps';
import { GRAPHQL_NOT_FOUND_BODY, GRAPHQL_SEVEN_VIOLATIONS_BODY } from './graphql-apps';

/** One request the cost meter injects, and the status each side must answer it with. */
export interface CostPath {
  /** Short key, for the command line and the profile files. */
  key: string;
  name: string;
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  expected: { ours: number; stock: number };
  /** Sent to the GraphQL apps (bench/graphql-apps.ts), whose answers are GraphQL errors, not the array. */
  graphql?: true;
  /** Sent to a pair of apps on MariaDB instead of PGlite (skipped, with the reason, when MariaDB is unreachable). */
  mariadb?: true;
  /**
   * The bare-framework apps (bench/bare-apps.ts) answer this path with ours' bytes, so it
   * is measured against them too. Absent where a bare app would not mean anything: the
   * database paths (the database is the cost) and GraphQL (the server is the framework).
   */
  bare?: true;
  /** The median stock/ours ratio the library must reach on this path. */
  target: number;
}

/**
 * GraphQL paths carry the REST paths' bar: every error path must cost at most 1/1.2 of
 * stock's CPU, whatever transport the error leaves by. Ours does more here than the
 * driver's stock formatting (translation, one entry per contract error, the negotiated
 * language, the request id); where that keeps a path below the bar, the profile must
 * show the share outside the library.
 */
const GRAPHQL_TARGET = 1.2;

export const COST_PATHS: readonly CostPath[] = [
  {
    key: 'valid',
    name: 'valid POST',
    method: 'POST',
    url: '/users',
    body: VALID_BODY,
    expected: { ours: 201, stock: 201 },
    bare: true,
    target: 1.0,
  },
  {
    key: 'violations',
    name: 'POST with 7 violations',
    method: 'POST',
    url: '/users',
    body: SEVEN_VIOLATIONS_BODY,
    expected: { ours: 400, stock: 400 },
    bare: true,
    target: 1.2,
  },
  {
    key: 'zod',
    name: 'zod-validated POST with 7 violations',
    method: 'POST',
    url: '/zod/users',
    body: ZOD_SEVEN_VIOLATIONS_BODY,
    expected: { ours: 400, stock: 400 },
    bare: true,
    target: 1.2,
  },
  {
    key: 'malformed',
    name: 'malformed JSON',
    method: 'POST',
    url: '/users',
    body: MALFORMED_JSON_BODY,
    expected: { ours: 400, stock: 400 },
    bare: true,
    target: 1.2,
  },
  {
    key: 'route',
    name: 'unknown route',
    method: 'GET',
    url: '/no/such/route',
    expected: { ours: 404, stock: 404 },
    bare: true,
    target: 1.2,
  },
  {
    key: 'notfound',
    name: 'not found thrown by a service',
    method: 'GET',
    url: '/users/42',
    expected: { ours: 404, stock: 404 },
    bare: true,
    target: 1.2,
  },
  {
    key: 'typeerror',
    name: 'unexpected TypeError',
    method: 'GET',
    url: '/boom',
    expected: { ours: 500, stock: 500 },
    bare: true,
    target: 1.2,
  },
  {
    key: 'conflict',
    name: 'domain conflict',
    method: 'POST',
    url: '/users/42/rename',
    expected: { ours: 409, stock: 409 },
    bare: true,
    target: 1.2,
  },
  {
    key: 'unique',
    name: 'unique violation (PGlite)',
    method: 'POST',
    url: '/db/users',
    body: DUPLICATE_BODY,
    // Stock Nest has no translation for a QueryFailedError: its default filter answers 500.
    expected: { ours: 409, stock: 500 },
    target: 1.2,
  },
  {
    key: 'unique-mariadb',
    name: 'unique violation (MariaDB)',
    method: 'POST',
    url: '/db/users',
    body: DUPLICATE_BODY,
    // mysql2's error in TypeORM's QueryFailedError: stock's default filter answers 500.
    expected: { ours: 409, stock: 500 },
    mariadb: true,
    target: 1.2,
  },
  {
    key: 'gql-violations',
    name: 'GraphQL mutation with 7 violations',
    method: 'POST',
    url: '/graphql',
    body: GRAPHQL_SEVEN_VIOLATIONS_BODY,
    // GraphQL over HTTP: an executed operation answers 200 whatever failed in it.
    expected: { ours: 200, stock: 200 },
    target: GRAPHQL_TARGET,
    graphql: true,
  },
  {
    key: 'gql-notfound',
    name: 'GraphQL not found thrown by a service',
    method: 'POST',
    url: '/graphql',
    body: GRAPHQL_NOT_FOUND_BODY,
    expected: { ours: 200, stock: 200 },
    target: GRAPHQL_TARGET,
    graphql: true,
  },
];
