import { prepareFastifyBody } from './fastify-body.hooks.js';
import { assignRequestId } from './request-id.js';

type FastifyRequest = { headers: Record<string, string | string[] | undefined>; raw: object };
type FastifyLike = {
  addHook(
    name: 'onRequest',
    hook: (
      request: FastifyRequest,
      reply: { header(name: string, value: string): unknown },
      done: (error?: Error) => void,
    ) => void,
  ): unknown;
};

/**
 * The library's work on Fastify before a body is parsed, as one onRequest hook: the
 * `X-Request-Id` of every response (`requestIdHeader`, when ids go on successes too) and
 * the body preparation (`bodyChecks`). One hook rather than one each: every hook is one
 * more turn of Fastify's hook runner on every request.
 */
export function installFastifyRequestHook(
  fastify: FastifyLike,
  requestIdHeader: string | undefined,
  bodyChecks: boolean,
): void {
  if (requestIdHeader === undefined && !bodyChecks) return;
  fastify.addHook('onRequest', (request, reply, done) => {
    // `raw.id` is @fastify/middie's copy of Fastify's own counter, not a logger's id.
    if (requestIdHeader !== undefined)
      reply.header(requestIdHeader, assignRequestId(request.raw, requestIdHeader, false));
    const refused = bodyChecks ? prepareFastifyBody(request) : undefined;
    if (refused) done(refused);
    else done();
  });
}
