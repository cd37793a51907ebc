import type { RequestHeaders } from '../../negotiation/error-responder.js';

/**
 * The HTTP request behind a GraphQL operation, as far as answering its errors reads it.
 * Both drivers put it on the context as `req` (Nest's drivers do): Apollo on Express
 * gives Express's request (its `res` is the response), Mercurius gives Fastify's request
 * and adds its `reply`.
 */
type OperationContext = {
  req?: { headers?: RequestHeaders; raw?: { headers?: RequestHeaders }; res?: HeaderReader };
  reply?: HeaderReader;
};
type HeaderReader = { getHeader?: (name: string) => unknown };

/** The request's headers (Accept-Language), or none when the context has no request. */
export function headersOf(context: unknown): RequestHeaders | undefined {
  const request = (context as OperationContext | null | undefined)?.req;
  return request?.headers ?? request?.raw?.headers;
}

/** The request's node request (for a client's X-Request-Id) and the response that may carry the id already. */
export function requestAndResponseOf(context: unknown): { request: unknown; response: HeaderReader | undefined } {
  const operation = context as OperationContext | null | undefined;
  const request = operation?.req;
  return { request: request?.raw ?? request, response: operation?.reply ?? request?.res };
}
