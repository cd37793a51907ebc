import { randomUUID } from 'node:crypto';

/** A request id a client may choose: bounded length, characters safe in logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/u;

type NodeRequest = { headers?: Record<string, string | string[] | undefined> };
type ResponseWithHeaders = { getHeader?: (name: string) => unknown };

/**
 * A request's id: the client's `X-Request-Id` when it is sane, else a new UUID.
 * Echoing a client's id lets it correlate logs; an insane one (too long, control
 * characters, spaces) could forge log lines, so it is replaced rather than trusted.
 * Pass the Node request (Fastify's `request.raw`).
 */
export function requestIdOf(request: unknown, headerName: string): string {
  const sent = (request as NodeRequest | null)?.headers?.[headerName];
  return typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * The id a response already carries (the request id hook put it there when the
 * request came in), else the request's own id. Reading it back from the response,
 * rather than remembering it per request, keeps the header, the error body and the
 * log line on one id at no cost per request.
 */
export function requestIdFor(request: unknown, response: unknown, headerName: string): string {
  const carried = (response as ResponseWithHeaders | null)?.getHeader?.(headerName);
  return typeof carried === 'string' ? carried : requestIdOf(request, headerName);
}
