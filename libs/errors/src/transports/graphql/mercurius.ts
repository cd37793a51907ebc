import { GraphQLError } from 'graphql';
import type { ErrorCode } from '../../codes/error-code.js';
import { GRAPHQL_BAD_REQUEST, GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED } from '../../codes/request.codes.js';
import { responseStatus } from '../../contract/status-rule.js';
import type { GraphQLErrorAnswerer } from './graphql-answerer.js';
import type { ContractGraphQLError } from './graphql-error.js';
import { GraphQLErrorLike, entry, executionEntries, refusalEntry } from './graphql-formatting.js';

/** What Mercurius hands its error formatter: an execution result, or a refused request's errors (no `data`). */
export interface MercuriusExecution {
  data?: Record<string, unknown> | null;
  errors: readonly GraphQLErrorLike[];
}
/** Mercurius's own errors (`MER_ERR_GQL_VALIDATION` lists GraphQL's errors in `errors`). */
type MercuriusError = { code?: unknown; statusCode?: unknown; errors?: unknown };

/** The option of Mercurius's driver that answers errors in the contract: spread it into `GraphQLModule.forRoot(...)`. */
export interface MercuriusErrorOptions {
  errorFormatter: (
    execution: MercuriusExecution,
    context: unknown,
  ) => { statusCode: number; response: { data: Record<string, unknown> | null; errors: ContractGraphQLError[] } };
}

/**
 * Mercurius: its error formatter gets every error of an operation with the context (the
 * request: its id, its language), and answers the response's `errors` and status. An
 * executed operation answers 200 whatever failed in it (GraphQL over HTTP with
 * `application/json`); a refused one (syntax, schema, variables) 400, as Apollo does.
 */
export function mercuriusErrorOptions(answerer: () => GraphQLErrorAnswerer): MercuriusErrorOptions {
  return {
    errorFormatter: (execution, context) => {
      const executed = 'data' in execution;
      const statuses: number[] = [];
      const errors = execution.errors.flatMap((error) => {
        if (executed) return executionEntries(error, context, answerer());
        return requestEntries(error, context, answerer(), statuses);
      });
      return {
        statusCode: executed ? 200 : responseStatus(statuses),
        response: { data: execution.data ?? null, errors },
      };
    },
  };
}

/** The entries of an error that stopped the request before execution, and their statuses. */
function requestEntries(
  error: GraphQLErrorLike,
  context: unknown,
  answerer: GraphQLErrorAnswerer,
  statuses: number[],
): ContractGraphQLError[] {
  const thrown = error.originalError as MercuriusError | undefined;
  const code = typeof thrown?.code === 'string' ? thrown.code : '';
  if (code.startsWith('MER_ERR_')) {
    statuses.push(400);
    const inner = Array.isArray(thrown?.errors) ? (thrown.errors as GraphQLErrorLike[]) : [error];
    return inner.map((item) => refusalEntry(item, refusalCode(code, item), context, answerer));
  }
  // The body could not be read at all (malformed JSON, too large): the HTTP translators know these.
  const translated = answerer.contractErrors(thrown ?? error, context);
  statuses.push(translated.status);
  return translated.errors.map((item) => entry(item.message, {}, item.extensions));
}

/**
 * Which refusal: a GraphQL error located in the document's text but on no node is
 * GraphQL's syntax error; one on nodes of the document, a schema or variable error;
 * anything else (the request's shape, GET for a mutation), a bad request.
 */
function refusalCode(code: string, error: GraphQLErrorLike): ErrorCode {
  if (code !== 'MER_ERR_GQL_VALIDATION' || !(error instanceof GraphQLError)) return GRAPHQL_BAD_REQUEST;
  if (error.nodes === undefined && error.source !== undefined) return GRAPHQL_PARSE_FAILED;
  return GRAPHQL_VALIDATION_FAILED;
}
