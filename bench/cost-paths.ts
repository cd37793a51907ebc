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
  /** The median stock/ours ratio the library must reach on this path. */
  target: number;
}

/**
 * Over GraphQL ours does what the driver's stock formatting does not (translation, one
 * entry per contract error, the negotiated language, the request id), so the bar is
 * parity within a quarter rather than the REST paths' 1.2.
 */
const GRAPHQL_TARGET = 0.8;

export const COST_PATHS: readonly CostPath[] = [
  {
    key: 'valid',
    name: 'valid POST',
    method: 'POST',
    url: '/users',
    body: VALID_BODY,
    expected: { ours: 201, stock: 201 },
    target: 1.0,
  },
  {
    key: 'violations',
    name: 'POST with 7 violations',
    method: 'POST',
    url: '/users',
    body: SEVEN_VIOLATIONS_BODY,
    expected: { ours: 400, stock: 400 },
    target: 1.2,
  },
  {
    key: 'zod',
    name: 'zod-validated POST with 7 violations',
    method: 'POST',
    url: '/zod/users',
    body: ZOD_SEVEN_VIOLATIONS_BODY,
    expected: { ours: 400, stock: 400 },
    target: 1.2,
  },
  {
    key: 'malformed',
    name: 'malformed JSON',
    method: 'POST',
    url: '/users',
    body: MALFORMED_JSON_BODY,
    expected: { ours: 400, stock: 400 },
    target: 1.2,
  },
  {
    key: 'route',
    name: 'unknown route',
    method: 'GET',
    url: '/no/such/route',
    expected: { ours: 404, stock: 404 },
    target: 1.2,
  },
  {
    key: 'notfound',
    name: 'not found thrown by a service',
    method: 'GET',
    url: '/users/42',
    expected: { ours: 404, stock: 404 },
    target: 1.2,
  },
  {
    key: 'typeerror',
    name: 'unexpected TypeError',
    method: 'GET',
    url: '/boom',
    expected: { ours: 500, stock: 500 },
    target: 1.2,
  },
  {
    key: 'conflict',
    name: 'domain conflict',
    method: 'POST',
    url: '/users/42/rename',
    expected: { ours: 409, stock: 409 },
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
