import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  Inject,
  LoggerService,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { throwError } from 'rxjs';
import { ErrorWithStatus, toApiError } from '../contract/api-error.js';
import { serializeErrors } from '../contract/serialize.js';
import { responseStatus } from '../contract/status-rule.js';
import { HTTP_METHOD_NOT_ALLOWED, ROUTE_NOT_FOUND } from '../codes/request.codes.js';
import { RouteMethods } from '../routes/route-methods.js';
import { INTERNAL_ERROR } from '../codes/server.codes.js';
import { ErrorCodeRegistry } from '../codes/registry.js';
import { ERRORS_SETTINGS, ErrorsSettings } from '../errors.settings.js';
import { translateError } from '../translators/pipeline.js';
import { ErrorTranslator, Translation, TranslationContext } from '../translators/translator.js';
import { ErrorResponder, ErrorResponse, mergeVary } from '../negotiation/error-responder.js';
import { describeForLog } from './log-format.js';
import { requestIdFor } from './request-id.js';
import { JSON_CONTENT_TYPE, sendJson } from './send-json.js';

/** Injection token of the filter's translators, in the order they are tried (module-private). */
export const ERROR_TRANSLATORS = Symbol('ERROR_TRANSLATORS');

/** The request and response as both adapters expose them, as far as this filter reads them. */
export type HttpRequest = {
  method?: string;
  url?: string;
  originalUrl?: string;
  headers?: Record<string, string | string[] | undefined>;
  route?: { path?: unknown }; // Express: set once a route matched
  routeOptions?: { url?: string }; // Fastify: url undefined in the not-found handler
  is404?: boolean; // Fastify: true in the not-found handler
  raw?: object;
};
export type HttpResponse = {
  headersSent?: boolean;
  sent?: boolean;
  raw?: NodeResponse;
} & NodeResponse;
type NodeResponse = {
  headersSent?: boolean;
  writableEnded?: boolean;
  destroy?: (error?: Error) => void;
  writeHead?: (status: number, headers: Record<string, string>) => unknown;
  end?: (body?: string) => unknown;
};

/**
 * The catch-all filter: anything thrown in an HTTP request -> translators -> the status
 * rule -> a JSON array of contract objects, replied through the platform's adapter so
 * Express and Fastify answer the same. 5xx are logged once, with request id, stack and
 * cause; expected 4xx are not logged as errors.
 */
@Catch()
export class ErrorContractFilter implements ExceptionFilter {
  private readonly headerName: string;
  private readonly bodyMediaTypes: readonly string[];
  private readonly logger: LoggerService;
  private readonly responder: ErrorResponder;
  /** Whether the app brought translators of its own (they may claim any error). */
  private readonly appTranslates: boolean;

  /** @internal ErrorsModule provides the filter. */
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly registry: ErrorCodeRegistry,
    @Inject(ERRORS_SETTINGS) settings: ErrorsSettings,
    @Inject(ERROR_TRANSLATORS) private readonly translators: readonly ErrorTranslator[],
    @Optional() responder?: ErrorResponder,
    @Optional() private readonly routeMethods?: RouteMethods,
  ) {
    this.responder = responder ?? new ErrorResponder(settings, registry);
    this.headerName = settings.requestIdHeader;
    this.bodyMediaTypes = settings.bodyMediaTypes;
    this.logger = settings.logger;
    this.appTranslates = settings.translators.length > 0;
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const type = host.getType<string>();
    if (type !== 'http') return this.leaveToTransport(type, exception, host);
    const http = host.switchToHttp();
    this.replyTo(exception, http.getRequest<HttpRequest>(), http.getResponse<HttpResponse>());
    return undefined;
  }

  /**
   * @internal
   * Answers one failed HTTP request in the contract. `catch` calls it for what Nest
   * catches; ErrorsModule calls it directly for requests no route of Express matched.
   */
  replyTo(exception: unknown, request: HttpRequest, response: HttpResponse): void {
    let requestId = 'unknown';
    try {
      requestId = requestIdFor(request?.raw ?? request, response, this.headerName);
      const translation = translateError(exception, this.translators, this.contextFor(request, requestId));
      const status = statusOf(translation.errors);
      if (status >= 500) this.logServerError(status, translation, exception, request, requestId);
      const answer = this.responder.respond(request.headers, translation.errors, status, requestId);
      this.reply(response, status, answer, requestId, translation.headers);
    } catch (filterFailure) {
      this.replyLastResort(response, requestId, filterFailure, exception);
    }
  }

  /**
   * @internal
   * Answers a request no route matched: 404, ROUTE_NOT_FOUND. ErrorsModule puts this in
   * place of Nest's not-found handler, which throws a NotFoundException (capturing a
   * stack trace that nothing reads) and runs the exception filters for it: the answer
   * needs neither. An app with translators of its own still gets that exception
   * translated (without the stack), so they can claim it as before.
   */
  replyRouteNotFound(request: HttpRequest, response: HttpResponse): void {
    if (this.replyMethodNotAllowed(request, response)) return;
    if (this.appTranslates) {
      this.replyTo(this.routeNotFoundException(request), request, response);
      return;
    }
    let requestId = 'unknown';
    try {
      requestId = requestIdFor(request?.raw ?? request, response, this.headerName);
      const { method, path } = requestLine(request);
      const errors = [ROUTE_NOT_FOUND.create({ details: { method, path } })];
      this.reply(response, 404, this.responder.respond(request.headers, errors, 404, requestId), requestId, undefined);
    } catch (filterFailure) {
      this.replyLastResort(response, requestId, filterFailure, this.routeNotFoundException(request));
    }
  }

  /**
   * A path some route has, called with a method none of them answers: 405 with `Allow`
   * (RFC 9110), so a client learns the path is right. False when no route has the path.
   */
  private replyMethodNotAllowed(request: HttpRequest, response: HttpResponse): boolean {
    let requestId = 'unknown';
    try {
      const allowed = this.routeMethods?.allowedFor(requestLine(request).path) ?? [];
      if (allowed.length === 0) return false;
      requestId = requestIdFor(request?.raw ?? request, response, this.headerName);
      const errors = [HTTP_METHOD_NOT_ALLOWED.create()];
      const answer = this.responder.respond(request.headers, errors, 405, requestId);
      this.reply(response, 405, answer, requestId, { allow: allowed.join(', ') });
    } catch (filterFailure) {
      this.replyLastResort(response, requestId, filterFailure, this.routeNotFoundException(request));
    }
    return true;
  }

  /** The exception Nest's not-found handler throws, with its message, without a stack trace. */
  private routeNotFoundException(request: HttpRequest): NotFoundException {
    const adapter = this.adapterHost.httpAdapter;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new NotFoundException(`Cannot ${adapter.getRequestMethod(request)} ${adapter.getRequestUrl(request)}`);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  private contextFor(request: HttpRequest, requestId: string): TranslationContext {
    const { method, path } = requestLine(request);
    return {
      requestId,
      registry: this.registry,
      bodyMediaTypes: this.bodyMediaTypes,
      bodyLimitBytes: this.bodyLimitBytes(),
      request: { method, path, routeMatched: routeMatched(request) },
    };
  }

  /** Fastify's errors do not say the limit they enforced; its config does (read once). */
  private bodyLimitBytes(): number | undefined {
    if (this.bodyLimit === null) {
      const instance = this.adapterHost.httpAdapter?.getInstance?.() as
        { initialConfig?: { bodyLimit?: number } } | undefined;
      this.bodyLimit = instance?.initialConfig?.bodyLimit;
    }
    return this.bodyLimit;
  }
  private bodyLimit: number | undefined | null = null;

  private reply(
    response: HttpResponse,
    status: number,
    answer: ErrorResponse,
    requestId: string,
    headers: Record<string, string> | undefined,
  ): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(response)) {
      // The status line is gone; a JSON error cannot be sent any more. Cut the
      // connection so the client sees a failed response instead of a truncated body
      // that looks complete, and never throw "Cannot set headers after they are sent".
      destroyResponse(response);
      return;
    }
    const allHeaders: Record<string, string> = { ...headers };
    allHeaders[this.headerName] = requestId;
    allHeaders['content-language'] = answer.contentLanguage;
    if (this.responder.vary) {
      // A Vary header set before (CORS: Origin) is kept; not every adapter can read one back.
      const before: unknown = typeof adapter.getHeader === 'function' ? adapter.getHeader(response, 'vary') : undefined;
      allHeaders.vary = mergeVary(before, this.responder.vary);
    }
    const contentType = answer.contentType ?? JSON_CONTENT_TYPE;
    const body = Array.isArray(answer.body) ? serializeErrors(answer.body) : JSON.stringify(answer.body);
    if (sendJson(response, status, body, allHeaders, contentType)) return;
    // A response object of another platform: its adapter sends the body.
    for (const name in allHeaders) adapter.setHeader(response, name, allHeaders[name]);
    adapter.setHeader(response, 'content-type', contentType);
    adapter.reply(response, Array.isArray(answer.body) ? answer.body.map(toApiError) : answer.body, status);
  }

  /** The filter failed itself: answer a minimal 500 in the contract with the raw Node response. */
  private replyLastResort(response: HttpResponse, requestId: string, failure: unknown, exception: unknown): void {
    this.logger.error(
      `Error filter failed while handling a request (request_id=${requestId}): ${describeForLog(failure)}`,
      undefined,
    );
    this.logger.error(`Original error (request_id=${requestId}): ${describeForLog(exception)}`);
    const node = (response?.raw ?? response) as NodeResponse | undefined;
    try {
      if (!node || headersAlreadySent(response)) return destroyResponse(response);
      const errors = [INTERNAL_ERROR.create({ details: { request_id: requestId } })];
      const answer = this.lastResortAnswer(errors, requestId);
      node.writeHead?.(500, {
        'content-type': answer.contentType ?? JSON_CONTENT_TYPE,
        'content-language': answer.contentLanguage,
        [this.headerName]: requestId,
      });
      node.end?.(Array.isArray(answer.body) ? serializeErrors(answer.body) : JSON.stringify(answer.body));
    } catch {
      destroyResponse(response);
    }
  }

  /** The minimal 500 as the app answers without negotiating (negotiating may be what failed). */
  private lastResortAnswer(errors: ErrorWithStatus[], requestId: string): ErrorResponse {
    try {
      return this.responder.respondWithoutHeaders(errors, 500, requestId);
    } catch {
      return { body: errors.map((item) => toApiError(item.error)), contentType: undefined, contentLanguage: 'en' };
    }
  }

  private logServerError(
    status: number,
    translation: Translation,
    exception: unknown,
    request: HttpRequest,
    requestId: string,
  ): void {
    const logged = translation.logged ?? exception;
    const codes = translation.errors.map((item) => item.error.error_code).join(',');
    this.logger.error(
      // The path without its query string: queries often carry tokens.
      `${status} [${codes}] ${request.method ?? ''} ${pathOf(request.originalUrl ?? request.url ?? '')} request_id=${requestId}: ${describeForLog(logged)}`,
    );
  }

  /**
   * RPC, WebSocket and GraphQL errors are not HTTP: no status, no headers. They are left
   * to their transport the way Nest's own filters do (rethrow for RPC and GraphQL); a
   * WebSocket client gets the contract array on its `exception` event.
   */
  private leaveToTransport(type: string, exception: unknown, host: ArgumentsHost): unknown {
    if (type === 'rpc') return throwError(() => exception);
    if (type === 'ws') {
      const client = host.switchToWs().getClient<{ emit?: (event: string, data: unknown) => void }>();
      const translation = translateError(exception, this.translators, {
        requestId: 'ws',
        registry: this.registry,
        bodyMediaTypes: this.bodyMediaTypes,
      });
      if (translation.errors.some((item) => item.status >= 500)) {
        this.logger.error(`WebSocket handler failed: ${describeForLog(translation.logged ?? exception)}`);
      }
      client?.emit?.('exception', this.responder.defaultBody(translation.errors));
      return undefined;
    }
    throw exception;
  }
}

/**
 * Whether a route of the app matched, so a 404 came from a handler, not from routing.
 * Express sets `req.route`, but Nest's not-found handler under a global prefix is itself
 * a `router.all('*path')` route; Fastify leaves `routeOptions.url` unset in its
 * not-found handler. Never decided by the exception's message text.
 */
/** The status rule over the errors, without building a list for the usual single error. */
function statusOf(errors: readonly ErrorWithStatus[]): number {
  return errors.length === 1 ? errors[0].status : responseStatus(errors.map((item) => item.status));
}

function routeMatched(request: HttpRequest): boolean {
  // Fastify's is404 is one property read; its routeOptions builds a new object per read.
  if (typeof request.is404 === 'boolean') return !request.is404;
  if (request.routeOptions) return request.routeOptions.url !== undefined;
  return request.route !== undefined && request.route.path !== NEST_NOT_FOUND_ROUTE;
}
const NEST_NOT_FOUND_ROUTE = '*path';

/** The method and the path (without its query string: queries often carry tokens). */
function requestLine(request: HttpRequest): { method: string; path: string } {
  return { method: request.method ?? 'GET', path: pathOf(request.originalUrl ?? request.url ?? '/') };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function headersAlreadySent(response: HttpResponse | undefined): boolean {
  if (!response) return false;
  return Boolean(response.headersSent || response.sent || response.raw?.headersSent);
}

function destroyResponse(response: HttpResponse | undefined): void {
  const node = (response?.raw ?? response) as NodeResponse | undefined;
  try {
    if (node && !node.writableEnded) node.destroy?.();
  } catch {
    // Nothing more can be done for this response.
  }
}
