import { randomUUID } from 'node:crypto';

/** A request id a client may choose: bounded length, characters safe in logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/u;

/**
 * Ids already chosen, by Node request object. A WeakMap rather than a property on the
 * request: adding a property to IncomingMessage changes its hidden class on the hot path,
 * and the entry goes away with the request.
 */
const chosen = new WeakMap<object, string>();

type NodeRequest = { headers?: Record<string, string | string[] | undefined> };

/**
 * The request's id: the one already chosen for it, else the client's `X-Request-Id`
 * when it is sane, else a new UUID. Echoing a client's id lets it correlate logs; an
 * insane one (too long, control characters, spaces) could forge log lines, so it is
 * replaced rather than trusted. Pass the Node request (Fastify's `request.raw`).
 */
export function requestIdOf(request: unknown, headerName: string): string {
  if (request === null || typeof request !== 'object') return randomUUID();
  const existing = chosen.get(request);
  if (existing) return existing;
  const sent = (request as NodeRequest).headers?.[headerName];
  const id = typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
  chosen.set(request, id);
  return id;
}
