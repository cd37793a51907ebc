import type { LoggerService } from '@nestjs/common';
import type { ErrorCode } from '../../codes/error-code.js';
import type { ErrorCodeRegistry } from '../../codes/registry.js';
import { INTERNAL_ERROR } from '../../codes/server.codes.js';
import { responseStatus } from '../../contract/status-rule.js';
import { describeForLog } from '../../filter/log-format.js';
import { requestIdFor } from '../../filter/request-id.js';
import type { ErrorResponder } from '../../negotiation/error-responder.js';
import { translateError } from '../../translators/pipeline.js';
import type { ErrorTranslator } from '../../translators/translator.js';
import { fieldInArguments } from './argument-path.js';
import { headersOf, requestAndResponseOf } from './graphql-context.js';
import { ContractExtensions, GraphQLContractError, contractExtensions } from './graphql-error.js';
import type { SchemaErrorContext } from './schema-errors.js';

export type RequestHeadersLike = Readonly<Record<string, string | string[] | undefined>>;

/** What answering in GraphQL needs of the module: the same pieces the HTTP filter uses. */
export interface GraphQLAnswererParts {
  readonly registry: ErrorCodeRegistry;
  readonly responder: ErrorResponder;
  readonly translators: readonly ErrorTranslator[];
  readonly bodyMediaTypes: readonly string[];
  readonly requestIdHeader: string;
  readonly logger: LoggerService;
  /** What decides the codes the schema documents per field. */
  readonly schema: SchemaErrorContext;
}

/** Where the failure happened, for the one log line of a 5xx. */
export interface OperationField {
  /** The failing field's response path (`createUser`, `a.profile`). */
  readonly path?: string;
  /** The field's arguments: contract fields are located in them. */
  readonly args?: Readonly<Record<string, unknown>>;
}

/**
 * The GraphQL transport: what the HTTP filter does for a request, done for a GraphQL
 * operation. The same translators, codes, locales and status rule; the request id and
 * the language come from the operation's HTTP request; the answer is GraphQL errors
 * whose `extensions` carry the contract, one per contract error, and the field is the
 * input path as the client sent it (`input.profile.links.1.url`). A 5xx is logged once,
 * with request id, stack and cause, and answers only a generic message and the id.
 */
export class GraphQLErrorAnswerer {
  constructor(private readonly parts: GraphQLAnswererParts) {}

  /** What the schema's error documentation needs of the module's settings. */
  get schemaContext(): SchemaErrorContext {
    return this.parts.schema;
  }

  /** The operation's request id: the one its HTTP response carries, else the client's sane one, else a new one. */
  requestId(context: unknown): string {
    const { request, response } = requestAndResponseOf(context);
    return requestIdFor(request, response, this.parts.requestIdHeader);
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
    const translation = translateError(exception, this.parts.translators, {
      requestId,
      registry: this.parts.registry,
      bodyMediaTypes: this.parts.bodyMediaTypes,
      request: { method: 'POST', path: 'graphql', routeMatched: true },
    });
    const status = responseStatus(translation.errors.map((item) => item.status));
    if (status >= 500) {
      const codes = translation.errors.map((item) => item.error.error_code).join(',');
      this.parts.logger.error(
        `${status} [${codes}] graphql ${field.path ?? '(operation)'} request_id=${requestId}: ${describeForLog(translation.logged ?? exception)}`,
      );
    }
    const rendered = this.parts.responder.renderNegotiated(headersOf(context), translation.errors);
    const errors = rendered.map((error) => ({
      message: error.message,
      extensions: contractExtensions(
        { ...error, field: fieldInArguments(error.field, field.args) },
        this.nameOf(error.error_code),
        requestId,
      ),
    }));
    return { status, errors };
  }

  /** GraphQL's own refusal of the request (syntax, schema, variables): its message stays, the code is the library's. */
  requestRefusal(code: ErrorCode, context: unknown): ContractExtensions {
    return { code: code.name, error_code: code.code, field: null, details: null, request_id: this.requestId(context) };
  }

  /**
   * The generic 5xx entry's extensions and message where there is no request to read
   * (nothing is logged: the real translation, when the request is known, logs).
   */
  withoutRequest(): { message: string; extensions: ContractExtensions } {
    const [error] = this.parts.responder.defaultBody([INTERNAL_ERROR.create()]);
    return { message: error.message, extensions: contractExtensions(error, INTERNAL_ERROR.name, null) };
  }

  private nameOf(code: string): string {
    return this.parts.registry.get(code)?.name ?? code;
  }
}
