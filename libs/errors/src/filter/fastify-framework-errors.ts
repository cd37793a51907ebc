import { BUILTIN_CODES } from '../codes/builtin-codes.js';
import { MALFORMED_REQUEST } from '../codes/request.codes.js';
import { ErrorCodeRegistry } from '../codes/registry.js';
import { responseStatus } from '../contract/status-rule.js';
import { DEFAULT_REQUEST_ID_HEADER, resolveSettings } from '../errors.settings.js';
import { ErrorResponder } from '../negotiation/error-responder.js';
import { translateFrameworkError } from '../translators/framework.translator.js';
import { requestIdOf } from './request-id.js';

type FastifyReplyLike = {
  server?: object;
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload: string): unknown;
};
type FastifyRequestLike = { raw?: object; headers?: Record<string, string | string[] | undefined> };

/** What the handler needs from ErrorsModule's settings. */
export interface FrameworkErrorSettings {
  requestIdHeader: string;
  registry: ErrorCodeRegistry;
  responder: ErrorResponder;
}

/** The defaults, for an error before ErrorsModule started (built on first use, not on import). */
function beforeErrorsModule(): FrameworkErrorSettings {
  if (!defaults) {
    const registry = new ErrorCodeRegistry().register(BUILTIN_CODES, 'library');
    const responder = new ErrorResponder(resolveSettings({ database: false }), registry);
    defaults = { requestIdHeader: DEFAULT_REQUEST_ID_HEADER, registry, responder };
  }
  return defaults;
}
let defaults: FrameworkErrorSettings | undefined;

/** Fastify instance -> the settings its ErrorsModule resolved (set when the module starts). */
const settingsByServer = new WeakMap<object, FrameworkErrorSettings>();

/** ErrorsModule hands its settings to the handler of its Fastify instance (module-private). */
export function shareFrameworkErrorSettings(fastify: object, settings: FrameworkErrorSettings): void {
  settingsByServer.set(fastify, settings);
}

/**
 * Fastify answers a few errors before routing (a path with a broken percent-encoding,
 * an over-long path parameter) from its own router, bypassing every error handler and
 * so Nest's filters. Its `frameworkErrors` option is the only hook; pass this function
 * there so they are answered in the contract too:
 *
 *     new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors })
 *
 * The adapter exists before the app, so the handler reads ErrorsModule's settings
 * (the request id header, the app's codes) from the Fastify instance it serves once the
 * module has started.
 */
export function fastifyFrameworkErrors(error: unknown, request: unknown, reply: unknown): void {
  const fastifyReply = reply as FastifyReplyLike;
  const settings = (fastifyReply.server && settingsByServer.get(fastifyReply.server)) ?? beforeErrorsModule();
  const fastifyRequest = request as FastifyRequestLike | undefined;
  const carrier = fastifyRequest?.raw ?? request;
  // Fastify's router refused the request before any hook: `raw.id` is not a logger's.
  const requestId = requestIdOf(carrier, settings.requestIdHeader, false);
  const translation = translateFrameworkError(error, { requestId, registry: settings.registry, bodyMediaTypes: [] });
  const errors = translation?.errors ?? [MALFORMED_REQUEST.create()];
  const status = responseStatus(errors.map((item) => item.status));
  const answer = settings.responder.respond(fastifyRequest?.headers, errors, status, requestId);
  fastifyReply
    .code(status)
    .header('content-type', answer.contentType ?? 'application/json; charset=utf-8')
    .header('content-language', answer.contentLanguage)
    .header(settings.requestIdHeader, requestId);
  if (settings.responder.vary) fastifyReply.header('vary', settings.responder.vary);
  fastifyReply.send(JSON.stringify(answer.body));
}
