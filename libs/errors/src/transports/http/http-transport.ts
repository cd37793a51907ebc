import { NotFoundException } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import type { RequestHeaders } from '../../negotiation/error-responder.js';
import type { ErrorAnswer } from '../../response/error-answer.js';
import type { RequestFacts } from '../../runtime/error-runtime.js';
import type { ErrorTransport } from '../transport.js';
import { NodeResponse, destroyResponse, isNodeResponse, writeNodeResponse } from './express.js';
import { isFastifyReply, writeFastifyReply } from './fastify.js';
import { requestIdFor } from './request-id.js';
import { restoreStackTraces, withoutStackTrace } from '../../contract/stack-traces.js';

/** The request and response as both adapters expose them, as far as answering an error reads them. */
export type HttpRequest = {
  method?: string;
  url?: string;
  originalUrl?: string;
  headers?: RequestHeaders;
  route?: { path?: unknown }; // Express: set once a route matched
  routeOptions?: { url?: string }; // Fastify: url undefined in the not-found handler
  is404?: boolean; // Fastify: true in the not-found handler
  raw?: object;
};
export type HttpResponse = {
  headersSent?: boolean;
  sent?: boolean;
  raw?: Partial<NodeResponse>;
} & Partial<NodeResponse>;

/**
 * HTTP through Nest's adapter, on Express and Fastify alike: the request id the
 * response carries, the headers, the request line; the answer written with Fastify's
 * reply or Node's response (another platform's response through its adapter).
 */
export class HttpTransport implements ErrorTransport<HttpRequest, HttpResponse> {
  readonly name = 'http';
  private bodyLimit: number | undefined | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly requestIdHeader: string,
  ) {}

  requestId(request: HttpRequest, response: HttpResponse): string {
    // On Fastify, the Node request's `id` is @fastify/middie's copy of Fastify's counter, not a logger's.
    return requestIdFor(request?.raw ?? request, response, this.requestIdHeader, request?.raw === undefined);
  }

  headers(request: HttpRequest): RequestHeaders | undefined {
    // A request without headers still negotiates (to the defaults).
    return request.headers ?? NO_HEADERS;
  }

  facts(request: HttpRequest): RequestFacts {
    return { bodyLimitBytes: this.bodyLimitBytes(), request: new HttpRequestFacts(request) };
  }

  existingVary(response: HttpResponse): unknown {
    // Not every adapter can read a header back.
    const adapter = this.adapterHost.httpAdapter;
    return typeof adapter?.getHeader === 'function' ? adapter.getHeader(response, 'vary') : undefined;
  }

  route(request: HttpRequest): string | undefined {
    if (!routeMatched(request)) return undefined;
    const template = request.routeOptions?.url ?? request.route?.path;
    return typeof template === 'string' ? template : undefined;
  }

  requestLine(request: HttpRequest): { method: string; path: string } {
    return { method: request.method ?? 'GET', path: pathOf(request.originalUrl ?? request.url ?? '/') };
  }

  write(response: HttpResponse, answer: ErrorAnswer): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(response)) {
      // Never throw "Cannot set headers after they are sent".
      destroyResponse(response.raw ?? response);
      return;
    }
    if (isFastifyReply(response)) return writeFastifyReply(response, answer);
    if (isNodeResponse(response)) return writeNodeResponse(response, answer);
    // A response object of another platform: its adapter sends the body.
    for (const name in answer.headers) adapter.setHeader(response, name, answer.headers[name]);
    adapter.reply(response, JSON.parse(answer.body) as unknown, answer.status);
  }

  writeLastResort(response: HttpResponse, answer: ErrorAnswer): void {
    const node = response?.raw ?? response;
    try {
      if (!node || headersAlreadySent(response) || !isNodeResponse(node)) return destroyResponse(node);
      writeNodeResponse(node, answer);
    } catch {
      destroyResponse(node);
    }
  }

  /** The exception Nest's not-found handler throws, with its message, without a stack trace. */
  routeNotFoundException(request: HttpRequest): NotFoundException {
    const adapter = this.adapterHost.httpAdapter;
    const limit = withoutStackTrace();
    try {
      return new NotFoundException(`Cannot ${adapter.getRequestMethod(request)} ${adapter.getRequestUrl(request)}`);
    } finally {
      restoreStackTraces(limit);
    }
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
}

const NO_HEADERS: RequestHeaders = Object.freeze({});

/**
 * What translators may know of an HTTP request, each fact read from the request only
 * when a translator asks: most errors (a DomainError, a validation failure) are
 * translated without any, and reading them all (the request line, whether a route
 * matched, whether the client hung up) was a few percent of such an answer on Express.
 * `toJSON` gives the facts as a plain object (for a translator that logs them); a spread
 * of it gives none (they are getters): translators read them by name.
 */
export class HttpRequestFacts {
  // Private, not enumerable: a translator that copies or logs the facts never gets the request.
  readonly #request: HttpRequest;

  constructor(request: HttpRequest) {
    this.#request = request;
  }

  get method(): string {
    return this.#request.method ?? 'GET';
  }

  get path(): string {
    return pathOf(this.#request.originalUrl ?? this.#request.url ?? '/');
  }

  get routeMatched(): boolean {
    return routeMatched(this.#request);
  }

  get aborted(): boolean {
    return clientAborted(this.#request);
  }

  toJSON(): Required<NonNullable<RequestFacts['request']>> {
    return { method: this.method, path: this.path, routeMatched: this.routeMatched, aborted: this.aborted };
  }

  /** What `console.log` and `util.inspect` show: the facts, not an empty object. */
  [Symbol.for('nodejs.util.inspect.custom')](): Required<NonNullable<RequestFacts['request']>> {
    return this.toJSON();
  }
}

/**
 * Whether a route of the app matched, so a 404 came from a handler, not from routing.
 * Express sets `req.route`, but Nest's not-found handler under a global prefix is itself
 * a `router.all('*path')` route; Fastify leaves `routeOptions.url` unset in its
 * not-found handler. Never decided by the exception's message text.
 */
function routeMatched(request: HttpRequest): boolean {
  // Fastify's is404 is one property read; its routeOptions builds a new object per read.
  if (typeof request.is404 === 'boolean') return !request.is404;
  if (request.routeOptions) return request.routeOptions.url !== undefined;
  return request.route !== undefined && request.route.path !== NEST_NOT_FOUND_ROUTE;
}
const NEST_NOT_FOUND_ROUTE = '*path';

/** Whether the client hung up before its request was whole (Node's IncomingMessage, under Fastify's request). */
function clientAborted(request: HttpRequest): boolean {
  const incoming = (request.raw ?? request) as { readableAborted?: boolean; aborted?: boolean };
  return incoming.readableAborted === true || incoming.aborted === true;
}

/** The path without its query string: queries often carry tokens. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function headersAlreadySent(response: HttpResponse | undefined): boolean {
  if (!response) return false;
  return Boolean(response.headersSent || response.sent || response.raw?.headersSent);
}
