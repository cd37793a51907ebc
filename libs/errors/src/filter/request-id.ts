import { randomUUID } from 'node:crypto';

/** A request id a client may choose: bounded length, characters safe in logs and headers. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/u;

/** Where the id is kept on the request object once chosen, so every layer agrees. */
export const REQUEST_ID = Symbol('errors.requestId');

type RequestWithId = { headers?: Record<string, string | string[] | undefined>; [REQUEST_ID]?: string };

/**
 * The request's id: the one already chosen for it, else the client's `X-Request-Id`
 * when it is sane, else a new UUID. Echoing a client's id lets it correlate logs; an
 * insane one (too long, control characters, spaces) could forge log lines, so it is
 * replaced rather than trusted.
 */
export function requestIdOf(request: unknown, headerName: string): string {
  const carrier = (request ?? {}) as RequestWithId;
  const existing = carrier[REQUEST_ID];
  if (existing) return existing;
  const sent = carrier.headers?.[headerName];
  const id = typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
  if (request && typeof request === 'object') carrier[REQUEST_ID] = id;
  return id;
}
