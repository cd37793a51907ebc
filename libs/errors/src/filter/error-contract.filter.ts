import { ArgumentsHost, Catch, ExceptionFilter, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { throwError } from 'rxjs';
import { HTTP_METHOD_NOT_ALLOWED, ROUTE_NOT_FOUND } from '../codes/request.codes.js';
import { RouteMethods } from '../routes/route-methods.js';
import { answerError } from '../response/answer-error.js';
import { ErrorRuntime } from '../runtime/error-runtime.js';
import { isRaisedBeforeRouting } from '../translators/framework.translator.js';
import { GraphQLErrorAnswerer } from '../transports/graphql/graphql-answerer.js';
import { HttpRequest, HttpResponse, HttpTransport } from '../transports/http/http-transport.js';

/**
 * The catch-all filter: anything thrown in an HTTP request is answered through the HTTP
 * transport (translators -> the status rule -> a JSON array of contract objects, or
 * Problem Details), so Express and Fastify answer the same. 5xx are reported once, with
 * request id, stack and cause; expected 4xx are not logged as errors.
 */
@Catch()
export class ErrorContractFilter implements ExceptionFilter {
  private readonly http: HttpTransport;
  /** Resolvers' failures (no `graphql` import here: the formatters live in nest-error-contract/graphql). */
  private readonly graphql: GraphQLErrorAnswerer;

  /** @internal ErrorsModule provides the filter. */
  constructor(
    adapterHost: HttpAdapterHost,
    private readonly runtime: ErrorRuntime,
    @Optional() private readonly routeMethods?: RouteMethods,
  ) {
    this.http = new HttpTransport(adapterHost, runtime.settings.requestIdHeader);
    this.graphql = new GraphQLErrorAnswerer(runtime);
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const type = host.getType<string>();
    if (type === 'graphql') {
      // Thrown back to GraphQL, which puts it in the response's errors with its path.
      const [, args, context, info] = host.getArgs<[unknown, Record<string, unknown>, unknown, GraphQLInfo]>();
      throw this.graphql.resolverError(exception, context, { path: responsePath(info?.path), args });
    }
    if (type !== 'http') return this.leaveToTransport(type, exception, host);
    // The request and response are the first two arguments; switchToHttp() would build three closures for them.
    this.replyTo(exception, host.getArgByIndex<HttpRequest>(0), host.getArgByIndex<HttpResponse>(1));
    return undefined;
  }

  /**
   * @internal
   * Answers one failed HTTP request in the contract. `catch` calls it for what Nest
   * catches; ErrorsModule calls it directly for requests no route of Express matched.
   */
  replyTo(exception: unknown, request: HttpRequest, response: HttpResponse): void {
    // A framework error raised before routing, on a request no route matched, is answered
    // as any unknown route: 405 on a known path, 404 elsewhere (as Express answers it).
    if (isRaisedBeforeRouting(exception) && !this.http.facts(request).request?.routeMatched) {
      this.replyRouteNotFound(request, response);
      return;
    }
    answerError(this.runtime, this.http, exception, request, response);
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
    // A path some route has, called with a method none of them answers: 405 with
    // `Allow` (RFC 9110), so the client learns the path is right.
    const allowed = this.routeMethods?.allowedFor(this.http.requestLine(request).path) ?? [];
    if (allowed.length > 0) {
      answerError(this.runtime, this.http, undefined, request, response, () => ({
        errors: [HTTP_METHOD_NOT_ALLOWED.create()],
        headers: { allow: allowed.join(', ') },
      }));
      return;
    }
    // An app with translators of its own may claim any error, this one too.
    if (this.runtime.settings.translators.length > 0) {
      this.replyTo(this.http.routeNotFoundException(request), request, response);
      return;
    }
    // The exception is built only if answering fails and it is logged.
    answerError(
      this.runtime,
      this.http,
      undefined,
      request,
      response,
      () => ({ errors: [ROUTE_NOT_FOUND.create({ details: this.http.requestLine(request) })] }),
      () => this.http.routeNotFoundException(request),
    );
  }

  /**
   * RPC and WebSocket errors are not HTTP: no status, no headers. They are left to their
   * transport the way Nest's own filters do (rethrow for RPC); a WebSocket client gets
   * the contract array on its `exception` event.
   */
  private leaveToTransport(type: string, exception: unknown, host: ArgumentsHost): unknown {
    if (type === 'rpc') return throwError(() => exception);
    if (type === 'ws') {
      const client = host.switchToWs().getClient<{ emit?: (event: string, data: unknown) => void }>();
      const translation = this.runtime.translate(exception, 'ws');
      if (translation.errors.some((item) => item.status >= 500)) {
        this.runtime.reportServerError({
          status: 500,
          codes: translation.errors.map((item) => item.error.error_code),
          requestId: 'ws',
          transport: 'ws',
          error: translation.logged ?? exception,
        });
      }
      client?.emit?.('exception', this.runtime.defaultBody(translation.errors));
      return undefined;
    }
    throw exception;
  }
}

/** A resolver's `info`, as far as its response path goes (GraphQL's own type is not imported here). */
type GraphQLInfo = { path?: ResponsePath } | undefined;
type ResponsePath = { prev: ResponsePath | undefined; key: string | number };

/** `a.profile.links.0`: the failing field's place in the response. */
function responsePath(path: ResponsePath | undefined): string | undefined {
  const keys: Array<string | number> = [];
  for (let at = path; at; at = at.prev) keys.push(at.key);
  return keys.length === 0 ? undefined : keys.reverse().join('.');
}
