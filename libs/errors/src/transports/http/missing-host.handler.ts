import { MALFORMED_REQUEST } from '../../codes/request.codes.js';
import type { RequestHeaders } from '../../negotiation/error-responder.js';
import type { ErrorRuntime } from '../../runtime/error-runtime.js';
import { requestIdOf } from './request-id.js';

type IncomingRequest = { httpVersion?: string; headers: RequestHeaders };
type ServerResponse = {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
};
type RequestListener = (request: IncomingRequest, response: ServerResponse) => void;
type NodeServer = {
  requireHostHeader?: boolean;
  listeners(event: 'request'): RequestListener[];
  removeAllListeners(event: 'request'): unknown;
  on(event: 'request', listener: RequestListener): unknown;
};

/**
 * An HTTP/1.1 request without a `Host` header must be refused with 400 (RFC 9112), and
 * Node does it itself, before Express or Fastify see the request: an empty 400 with no
 * request id. Node's own check is switched off and the same refusal is made here, in the
 * contract: the request's headers parsed, so its id and language are read as usual.
 */
export function answerRequestsWithoutHost(server: NodeServer, runtime: ErrorRuntime): void {
  if (server.requireHostHeader === false) return; // the app chose to serve them
  server.requireHostHeader = false;
  const listeners = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', function (this: unknown, request, response) {
    if (request.httpVersion === '1.1' && request.headers.host === undefined) {
      const requestId = requestIdOf(request, runtime.settings.requestIdHeader);
      const answer = runtime.answer({ errors: [MALFORMED_REQUEST.create()] }, requestId, request.headers, undefined);
      response.writeHead(answer.status, { ...answer.headers, connection: 'close' });
      response.end(answer.body);
      return;
    }
    for (const listener of listeners) listener.call(this, request, response);
  });
}
