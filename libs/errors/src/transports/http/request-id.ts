import { randomUUID } from 'node:crypto';

/** A request id a client may choose: bounded length, characters safe in logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/u;

type NodeRequest = {
  headers?: Record<string, string | string[] | undefined>;
  /** pino-http's (and express-request-id's) place for the id; @fastify/middie copies Fastify's there. */
  id?: unknown;
  [ASSIGNED]?: string;
};

/** Where the library keeps the id it gave a Node request, so every later reader gets the same. */
const ASSIGNED = Symbol.for('nest-error-contract.request-id');
type ResponseWithHeaders = { getHeader?: (name: string) => unknown };

/**
 * A request's id: the one the library already gave it; else, on Express, the id a
 * logger's middleware that ran first gave it (`req.id`: pino-http's); else the client's
 * `X-Request-Id` when it is sane; else a new UUID. Echoing a client's id lets it
 * correlate logs; an insane one (too long, control characters, spaces) could forge log
 * lines, so it is replaced rather than trusted. Pass the Node request (Fastify's
 * `request.raw`, where `id` is only @fastify/middie's copy of Fastify's own counter
 * `req-1`, not unique across processes: `loggerId: false` ignores it).
 */
export function requestIdOf(request: unknown, headerName: string, loggerId = true): string {
  const node = request as NodeRequest | null;
  const assigned = node?.[ASSIGNED];
  if (typeof assigned === 'string') return assigned;
  const given = loggerId ? node?.id : undefined;
  if ((typeof given === 'string' || typeof given === 'number') && SANE_REQUEST_ID.test(String(given))) {
    return String(given);
  }
  const sent = node?.headers?.[headerName];
  return typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * Gives the Node request its id once (see requestIdOf), also as `req.id` when it has
 * none, so that pino-http running later logs the request under the id the client
 * gets (pino-http reuses `req.id`): one id per request.
 */
export function assignRequestId(request: object, headerName: string, loggerId = true): string {
  const node = request as NodeRequest;
  const id = requestIdOf(node, headerName, loggerId);
  node[ASSIGNED] = id;
  if (node.id === undefined || node.id === null || !loggerId) node.id = id;
  return id;
}

/**
 * The library's request id rule as a `genReqId` function, for the places that number
 * requests before the library sees them: FastifyAdapter's `genReqId` (Fastify, and
 * through @fastify/middie nestjs-pino, then log under the id the client gets) and
 * pino-http's `genReqId` when it runs before the library on Express. The header name
 * is ErrorsModule's `requestIdHeader` (default `x-request-id`).
 */
export function requestIdGenerator(headerName: string = 'x-request-id'): (request: object) => string {
  const header = headerName.toLowerCase();
  return (request) => assignRequestId(request, header, false);
}

/**
 * The id a response already carries (the request id hook put it there when the
 * request came in), else the request's own id. Reading it back from the response,
 * rather than remembering it per request, keeps the header, the error body and the
 * log line on one id at no cost per request.
 */
export function requestIdFor(request: unknown, response: unknown, headerName: string, loggerId = true): string {
  const carried = (response as ResponseWithHeaders | null)?.getHeader?.(headerName);
  return typeof carried === 'string' ? carried : requestIdOf(request, headerName, loggerId);
}
