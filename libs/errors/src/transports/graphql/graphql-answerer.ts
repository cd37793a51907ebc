import { INTERNAL_ERROR } from '../../codes/server.codes.js';
import type { ErrorCode } from '../../codes/error-code.js';
import { statusOf } from '../../contract/status-rule.js';
import type { ErrorRuntime } from '../../runtime/error-runtime.js';
import { requestIdFor } from '../http/request-id.js';
import { argumentFields } from './argument-path.js';
import { headersOf, requestAndResponseOf } from './graphql-context.js';
import { ContractExtensions, GraphQLContractError, contractExtensions } from './graphql-error.js';
import type { SchemaErrorContext } from './schema-errors.js';

/** Where the failure happened, for the one log line of a 5xx. */
export interface OperationField {
  /** The failing field's response path (`createUser`, `a.profile`). */
  readonly path?: string;
  /** The field's arguments: contract fields are located in them. */
  readonly args?: Readonly<Record<string, unknown>>;
}

/**
 * The GraphQL transport: what the HTTP transport does for a request, done for a GraphQL
 * operation, through the same runtime (translators, codes, locales, the status rule, the
 * one 5xx report). The request id and the language come from the operation's HTTP
 * request; the answer is GraphQL errors whose `extensions` carry the contract, one per
 * contract error, and the field is the input path as the client sent it
 * (`input.profile.links.1.url`). A 5xx is reported once and answers only a generic
 * message and the request id.
 */
export class GraphQLErrorAnswerer {
  constructor(private readonly runtime: ErrorRuntime) {}

  /** What the schema's error documentation needs of the module's settings. */
  get schemaContext(): SchemaErrorContext {
    const database = this.runtime.settings.database;
    return { constraints: (database !== false && database.constraints) || {}, database: database !== false };
  }

  /** The operation's request id: the one its HTTP response carries, else the client's sane one, else a new one. */
  requestId(context: unknown): string {
    const { request, response } = requestAndResponseOf(context);
    return requestIdFor(request, response, this.runtime.settings.requestIdHeader);
  }

  /** A resolver's failure, as the filter throws it back to GraphQL. */
  resolverError(exception: unknown, context: unknown, field: OperationField): GraphQLContractError {
    return new GraphQLContractError(this.contractErrors(exception, context, field).errors);
  }

  /**
   * The contract errors of anything thrown during the operation, in the operation's
   * language: a resolver's failure (through the filter), or an error no filter saw
   * (GraphQL's own execution errors, a failing context factory, a body the server could
   * not read).
   */
  contractErrors(
    exception: unknown,
    context: unknown,
    field: OperationField = {},
  ): { status: number; errors: Array<{ message: string; extensions: ContractExtensions }> } {
    const requestId = this.requestId(context);
    const translation = this.runtime.translate(exception, requestId, {
      request: { method: 'POST', path: 'graphql', routeMatched: true },
    });
    const status = statusOf(translation.errors);
    if (status >= 500) {
      this.runtime.reportServerError({
        status,
        codes: translation.errors.map((item) => item.error.error_code),
        requestId,
        transport: 'graphql',
        // The log line names the operation's field where an HTTP one names method and path.
        method: 'graphql',
        path: field.path ?? '(operation)',
        error: translation.logged ?? exception,
      });
    }
    const rendered = this.runtime.renderErrors(translation.errors, headersOf(context)).errors;
    const inArguments = argumentFields(field.args);
    const errors = rendered.map((error) => ({
      message: error.message,
      extensions: contractExtensions(error, this.nameOf(error.error_code), requestId, inArguments(error.field)),
    }));
    return { status, errors };
  }

  /** GraphQL's own refusal of the request (syntax, schema, variables): its message stays, the code is the library's. */
  requestRefusal(code: ErrorCode, context: unknown): ContractExtensions {
    return { code: code.name, error_code: code.code, field: null, details: null, request_id: this.requestId(context) };
  }

  /**
   * The generic 5xx entry's extensions and message where there is no request to read
   * (nothing is reported: the real translation, when the request is known, reports).
   */
  withoutRequest(): { message: string; extensions: ContractExtensions } {
    const [error] = this.runtime.defaultBody([INTERNAL_ERROR.create()]);
    return { message: error.message, extensions: contractExtensions(error, INTERNAL_ERROR.name, null) };
  }

  private nameOf(code: string): string {
    return this.runtime.registry.get(code)?.name ?? code;
  }
}
