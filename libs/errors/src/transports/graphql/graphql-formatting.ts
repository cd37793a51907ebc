import type { ErrorCode } from '../../codes/error-code.js';
import type { GraphQLErrorAnswerer } from './graphql-answerer.js';
import { ContractGraphQLError, GraphQLContractError } from './graphql-error.js';

/** A GraphQL error as the drivers hand it over (graphql-js's GraphQLError, structurally). */
export interface GraphQLErrorLike {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
  originalError?: unknown;
  extensions?: Record<string, unknown>;
}

/** The contract error a failed resolver threw through the filter, however deep the drivers wrapped it. */
export function contractErrorIn(error: unknown): GraphQLContractError | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof GraphQLContractError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** The innermost error the drivers wrapped (what was thrown). */
export function thrownError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const inner = (current as { originalError?: unknown } | null | undefined)?.originalError;
    if (inner === undefined || inner === null) return current;
    current = inner;
  }
  return current;
}

/** An entry of `errors`, keys in the order graphql-js serializes them: message, locations, path, extensions. */
export function entry(
  message: string,
  located: Pick<GraphQLErrorLike, 'locations' | 'path'>,
  extensions: ContractGraphQLError['extensions'],
): ContractGraphQLError {
  // Four literals rather than conditional spreads: a spread copies through V8's slow
  // path, once per entry of every failed operation.
  const locations = located.locations && located.locations.length > 0 ? located.locations : undefined;
  const path = located.path;
  if (locations) return path ? { message, locations, path, extensions } : { message, locations, extensions };
  return path ? { message, path, extensions } : { message, extensions };
}

/**
 * The entries of one GraphQL error of an executed operation: every contract error of a
 * resolver's failure in its place, or, for an error no filter saw, its translation
 * (a 5xx for anything unexpected: generic message and request id, logged once).
 */
export function executionEntries(
  error: GraphQLErrorLike,
  context: unknown,
  answerer: GraphQLErrorAnswerer,
): ContractGraphQLError[] {
  const contract = contractErrorIn(error);
  if (contract) return contract.errors.map((item) => entry(item.message, error, item.extensions));
  const path = error.path?.join('.');
  return answerer
    .contractErrors(thrownError(error), context, { path })
    .errors.map((item) => entry(item.message, error, item.extensions));
}

/** GraphQL's own refusal of a request: its message and locations, the library's code. */
export function refusalEntry(
  error: GraphQLErrorLike,
  code: ErrorCode,
  context: unknown,
  answerer: GraphQLErrorAnswerer,
  requestId?: null,
): ContractGraphQLError {
  const extensions = answerer.requestRefusal(code, context);
  if (requestId === null) extensions.request_id = null;
  return entry(error.message, { locations: error.locations }, extensions);
}
