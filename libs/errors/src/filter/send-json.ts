export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Fastify's reply, as far as sending a finished body goes. */
type FastifyReply = {
  raw: object;
  code(status: number): unknown;
  header(name: string, value: string): unknown;
  send(payload: string): unknown;
};
/** Node's ServerResponse (which Express's response is). */
type NodeResponse = {
  statusCode: number;
  setHeader(name: string, value: string | number): unknown;
  end(body: string): unknown;
};

/**
 * Sends an already serialized JSON body with its status and headers, on the response
 * object the platform handed over: a Fastify reply through `reply.send` (so Fastify's
 * onSend hooks, compression and logging still see it), a Node or Express response
 * through Node's own API. Express's `res.json` would serialize again, hash the body
 * into an ETag and look the charset up, all per error, for nothing a client of an
 * error needs. Returns false for any other kind of response, which the caller then
 * answers through the platform's adapter.
 */
export function sendJson(
  response: unknown,
  status: number,
  body: string,
  headers: Record<string, string>,
  contentType: string = JSON_CONTENT_TYPE,
): boolean {
  if (isFastifyReply(response)) {
    response.code(status);
    for (const name in headers) response.header(name, headers[name]);
    response.header('content-type', contentType);
    response.send(body);
    return true;
  }
  if (isNodeResponse(response)) {
    response.statusCode = status;
    for (const name in headers) response.setHeader(name, headers[name]);
    response.setHeader('content-type', contentType);
    response.setHeader('content-length', Buffer.byteLength(body));
    response.end(body);
    return true;
  }
  return false;
}

function isFastifyReply(response: unknown): response is FastifyReply {
  const reply = response as Partial<FastifyReply> | null;
  return (
    typeof reply?.raw === 'object' &&
    typeof reply.code === 'function' &&
    typeof reply.header === 'function' &&
    typeof reply.send === 'function'
  );
}

function isNodeResponse(response: unknown): response is NodeResponse {
  const node = response as Partial<NodeResponse> | null;
  return typeof node?.setHeader === 'function' && typeof node.end === 'function' && 'statusCode' in node;
}
