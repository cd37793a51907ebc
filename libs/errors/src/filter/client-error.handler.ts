import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, MALFORMED_REQUEST } from '../codes/request.codes.js';
import { ErrorResponder } from '../negotiation/error-responder.js';

type ClientSocket = {
  writable: boolean;
  end(data: string): void;
  destroy(): void;
  _httpMessage?: { headersSent?: boolean } | null;
};
type NodeServer = {
  removeAllListeners(event: string): unknown;
  on(event: 'clientError', listener: (error: Error & { code?: string }, socket: ClientSocket) => void): unknown;
};

/**
 * Requests Node's HTTP parser rejects (a malformed Content-Length, headers over the
 * size limit, bad framing) never reach Express, Fastify or Nest: Node answers them
 * itself, Express with an empty 400 and Fastify with its own JSON. This answers them in
 * the contract instead, on the raw socket, on both adapters.
 */
export function installClientErrorHandler(
  server: NodeServer,
  requestIdHeader: string,
  responder: ErrorResponder,
): void {
  // Fastify registers its own listener; two would write two answers on one socket.
  server.removeAllListeners('clientError');
  server.on('clientError', (error, socket) => {
    // A reset connection cannot be answered; a response already under way must not be corrupted.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE : MALFORMED_REQUEST;
    const requestId = randomUUID();
    // The request's headers did not parse, so Accept and Accept-Language cannot be read:
    // the default locale, and the array unless the app always answers Problem Details.
    const answer = responder.respondWithoutHeaders([code.create()], code.status, requestId);
    const body = JSON.stringify(answer.body);
    socket.end(
      `HTTP/1.1 ${code.status} ${STATUS_CODES[code.status]}\r\n` +
        `content-type: ${answer.contentType ?? 'application/json; charset=utf-8'}\r\n` +
        `content-language: ${answer.contentLanguage}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        `${requestIdHeader}: ${requestId}\r\n` +
        'connection: close\r\n\r\n' +
        body,
    );
  });
}
