import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, MALFORMED_REQUEST } from '../../codes/request.codes.js';
import type { ErrorAnswer } from '../../response/error-answer.js';
import type { ErrorRuntime } from '../../runtime/error-runtime.js';

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
export function installClientErrorHandler(server: NodeServer, runtime: ErrorRuntime): void {
  // Fastify registers its own listener; two would write two answers on one socket.
  server.removeAllListeners('clientError');
  server.on('clientError', (error, socket) => {
    // A reset connection cannot be answered; a response already under way must not be corrupted.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE : MALFORMED_REQUEST;
    // The request's headers did not parse, so they are neither negotiated on nor trusted
    // for an id: the default locale, the array unless the app always answers Problem
    // Details, and a new request id.
    writeSocket(socket, runtime.answer({ errors: [code.create()] }, randomUUID(), undefined));
  });
}

/** An answer as raw HTTP/1.1 on a socket no response object owns; the connection closes after it. */
function writeSocket(socket: ClientSocket, answer: ErrorAnswer): void {
  let head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n`;
  for (const name in answer.headers) head += `${name}: ${answer.headers[name]}\r\n`;
  socket.end(`${head}content-length: ${Buffer.byteLength(answer.body)}\r\nconnection: close\r\n\r\n${answer.body}`);
}
