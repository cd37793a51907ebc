import { GRAPHQL_BAD_REQUEST, GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED } from '../../codes/request.codes.js';
import type { ErrorCode } from '../../codes/error-code.js';
import type { GraphQLErrorAnswerer } from './graphql-answerer.js';
import type { ContractGraphQLError } from './graphql-error.js';
import { GraphQLErrorLike, contractErrorIn, entry, executionEntries, refusalEntry } from './graphql-formatting.js';

/** The codes Apollo Server gives its own refusals of a request, and the library's code for each. */
const APOLLO_REFUSALS: Readonly<Record<string, ErrorCode>> = {
  GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED,
  BAD_USER_INPUT: GRAPHQL_VALIDATION_FAILED, // a variable whose value does not match its type
  BAD_REQUEST: GRAPHQL_BAD_REQUEST,
  OPERATION_RESOLUTION_FAILURE: GRAPHQL_BAD_REQUEST,
  PERSISTED_QUERY_NOT_FOUND: GRAPHQL_BAD_REQUEST,
  PERSISTED_QUERY_NOT_SUPPORTED: GRAPHQL_BAD_REQUEST,
};

/** Apollo Server's formatted error and request context, as far as the formatting reads them. */
export type ApolloFormattedError = GraphQLErrorLike & { extensions?: Record<string, unknown> };
export interface ApolloRequestContext {
  contextValue?: unknown;
  response?: { body?: { kind: string; singleResult?: { errors?: readonly ApolloFormattedError[] } } };
}

/** The options of Apollo's driver that answer errors in the contract: spread them into `GraphQLModule.forRoot(...)`. */
export interface ApolloErrorOptions {
  formatError: (formatted: ApolloFormattedError, error: unknown) => ApolloFormattedError;
  plugins: Array<{
    requestDidStart(): Promise<{ willSendResponse(requestContext: ApolloRequestContext): Promise<void> }>;
  }>;
}

/** The error each formatted entry came from (formatError sees it; the plugin reads it back). */
const THROWN = Symbol('the error behind a formatted GraphQL error');
type Marked = ApolloFormattedError & { [THROWN]?: unknown };

/**
 * Apollo Server: `formatError` keeps the error each entry came from, and a plugin
 * rewrites the response's `errors` once the operation ran, when the context (the
 * request: its id, its language) is known: every contract error of a failed resolver in
 * its place, GraphQL's own refusals with the library's codes, anything else translated
 * (a 5xx: generic message and request id, logged once). One plugin run per operation,
 * so each operation of a batch is answered in its own place.
 */
export function apolloErrorOptions(answerer: () => GraphQLErrorAnswerer): ApolloErrorOptions {
  return {
    formatError: (formatted, error) => {
      const marked: Marked = withoutRequest(formatted, error, answerer());
      Object.defineProperty(marked, THROWN, { value: error, enumerable: false });
      return marked;
    },
    plugins: [
      {
        requestDidStart: async () => ({
          willSendResponse: async ({ response, contextValue }) => {
            const result = response?.body?.kind === 'single' ? response.body.singleResult : undefined;
            if (!result?.errors) return;
            result.errors = result.errors.flatMap((formatted) => contractEntries(formatted, contextValue, answerer()));
          },
        }),
      },
    ],
  };
}

/**
 * What formatError alone can answer, before the plugin knows the request: the entry
 * stands where the plugin does not run (Apollo's checks before any operation, such as
 * CSRF prevention, and operations over WebSocket): a refusal with its code, a resolver's
 * first contract error, and for anything else only the generic 5xx message (never the
 * error's own text).
 */
function withoutRequest(
  formatted: ApolloFormattedError,
  error: unknown,
  answerer: GraphQLErrorAnswerer,
): ApolloFormattedError {
  const refusal = formatted.path === undefined ? APOLLO_REFUSALS[String(formatted.extensions?.code)] : undefined;
  if (refusal) return refusalEntry(formatted, refusal, undefined, answerer, null);
  const contract = contractErrorIn(error);
  const first = contract ? contract.errors[0] : answerer.withoutRequest();
  return entry(first.message, formatted, first.extensions);
}

function contractEntries(formatted: Marked, context: unknown, answerer: GraphQLErrorAnswerer): ContractGraphQLError[] {
  const thrown = formatted[THROWN] ?? formatted;
  const refusal = formatted.path === undefined ? APOLLO_REFUSALS[String(formatted.extensions?.code)] : undefined;
  if (refusal) return [refusalEntry(formatted, refusal, context, answerer)];
  const { message, locations, path } = formatted;
  return executionEntries({ message, locations, path, originalError: thrown }, context, answerer);
}
