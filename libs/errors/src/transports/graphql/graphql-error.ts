import type { ApiError } from '../../contract/api-error.js';

/**
 * What a GraphQL error carries in `extensions` under the contract: the contract object's
 * code, field and details, the request id, and `code`, the error code's constant name
 * (`EMAIL_TAKEN`, `USER_NOT_FOUND`, `INTERNAL_ERROR`), for GraphQL clients that switch on
 * a string as Apollo's conventions do. The name is as stable as the number: a published
 * code keeps both.
 */
export type ContractExtensions = {
  code: string;
  error_code: string;
  field: string | null;
  details: Record<string, unknown> | null;
  /** Null only where no request was at hand: Apollo's checks before any operation ran (CSRF prevention). */
  request_id: string | null;
};

/** One entry of a GraphQL response's `errors`, under the contract. */
export interface ContractGraphQLError {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
  extensions: ContractExtensions;
}

/**
 * A contract error's extensions (key order fixed, so both drivers serialize alike);
 * `field` in place of the error's own (its path in the operation's arguments).
 */
export function contractExtensions(
  error: ApiError,
  name: string,
  requestId: string | null,
  field: string | null = error.field,
): ContractExtensions {
  return {
    code: name,
    error_code: error.error_code,
    field,
    details: error.details,
    request_id: requestId,
  };
}

/**
 * What the error filter throws from a failed resolver: the contract errors of the
 * failure, rendered in the negotiated language. GraphQL wraps it into a GraphQL error
 * with the field's path and locations, copying `extensions` (the first error's), so an
 * app without the formatter of `nest-error-contract/graphql` still answers one contract
 * error; the formatter answers every one, each in its own entry. No stack trace is
 * captured: the thrown error is logged, not this answer.
 */
export class GraphQLContractError extends Error {
  override readonly name = 'GraphQLContractError';
  readonly extensions: ContractExtensions;

  constructor(readonly errors: ReadonlyArray<{ message: string; extensions: ContractExtensions }>) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(errors[0].message);
    Error.stackTraceLimit = limit;
    this.extensions = errors[0].extensions;
  }
}
