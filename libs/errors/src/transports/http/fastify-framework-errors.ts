import { MALFORMED_REQUEST } from '../../codes/request.codes.js';
import { answerError } from '../../response/answer-error.js';
import type { ErrorRuntime } from '../../runtime/error-runtime.js';
import { translateFrameworkError } from '../../translators/framework.translator.js';
import type { ErrorTransport } from '../transport.js';
import { isFastifyReply, writeFastifyReply } from './fastify.js';
import type { HttpRequest } from './http-transport.js';
import { pathOf } from './http-transport.js';
import { requestIdOf } from './request-id.js';

/** Where ErrorsModule leaves its runtime on the Fastify instance it serves (read by the hook below). */
const RUNTIME = Symbol.for('nest-error-contract.runtime');

type FastifyInstanceLike = { [RUNTIME]?: ErrorRuntime };
type FastifyReplyLike = {
  server?: FastifyInstanceLike;
  send(payload: unknown): unknown;
  getHeader?(name: string): unknown;
};

/** ErrorsModule hands its runtime to the Fastify instance it serves, once, at start-up (module-private). */
export function attachRuntimeToFastify(fastify: object, runtime: ErrorRuntime): void {
  (fastify as FastifyInstanceLike)[RUNTIME] = runtime;
}

/**
 * Fastify answers a few errors before routing (a path with a broken percent-encoding,
 * an over-long path parameter) from its own router, bypassing every error handler and
 * so Nest's filters. Its `frameworkErrors` option is the only hook; pass this function
 * there so they are answered in the contract too:
 *
 *     new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors })
 *
 * The adapter exists before the app, so the handler finds ErrorsModule's runtime on the
 * Fastify instance it serves, where the module put it when it started.
 */
export function fastifyFrameworkErrors(error: unknown, request: unknown, reply: unknown): void {
  const fastifyReply = reply as FastifyReplyLike;
  const runtime = fastifyReply.server?.[RUNTIME];
  if (!runtime || !isFastifyReply(reply)) {
    // No ErrorsModule started on this instance (an app without it): Fastify answers as it would.
    fastifyReply.send(error);
    return;
  }
  const header = runtime.settings.requestIdHeader;
  const transport: ErrorTransport<HttpRequest, typeof reply> = {
    name: 'http',
    // Fastify's router refused the request before any hook: `raw.id` is not a logger's.
    requestId: (fastifyRequest) => requestIdOf(fastifyRequest?.raw ?? fastifyRequest, header, false),
    headers: (fastifyRequest) => fastifyRequest?.headers ?? {},
    facts: () => ({}),
    existingVary: () => fastifyReply.getHeader?.('vary'),
    requestLine: (fastifyRequest) => ({
      method: fastifyRequest?.method ?? 'GET',
      path: pathOf(fastifyRequest?.url ?? '/'),
    }),
    write: writeFastifyReply,
    writeLastResort: writeFastifyReply,
  };
  // Only the framework translator: these are the router's errors, never the app's.
  answerError(
    runtime,
    transport,
    error,
    request as HttpRequest,
    reply,
    (requestId) =>
      translateFrameworkError(error, { requestId, registry: runtime.registry, bodyMediaTypes: [] }) ?? {
        errors: [MALFORMED_REQUEST.create()],
      },
  );
}
