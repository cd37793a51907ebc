import type { ErrorAnswer } from '../../response/error-answer.js';

/** Node's ServerResponse (which Express's response is). */
export type NodeResponse = {
  statusCode: number;
  headersSent?: boolean;
  writableEnded?: boolean;
  setHeader(name: string, value: string | number): unknown;
  end(body: string): unknown;
  destroy?(error?: Error): void;
};

export function isNodeResponse(response: unknown): response is NodeResponse {
  const node = response as Partial<NodeResponse> | null;
  return typeof node?.setHeader === 'function' && typeof node.end === 'function' && 'statusCode' in node;
}

/**
 * Writes a finished answer through Node's own API (an Express response is a Node one).
 * Express's `res.json` would serialize again, hash the body into an ETag and look the
 * charset up, all per error, for nothing a client of an error needs.
 */
export function writeNodeResponse(response: NodeResponse, answer: ErrorAnswer): void {
  response.statusCode = answer.status;
  const headers = answer.headers;
  for (const name in headers) response.setHeader(name, headers[name]);
  response.setHeader('content-length', Buffer.byteLength(answer.body));
  response.end(answer.body);
}

/** Cuts the connection of a response that can no longer be answered; never throws. */
export function destroyResponse(node: Partial<NodeResponse> | undefined): void {
  try {
    if (node && !node.writableEnded) node.destroy?.();
  } catch {
    // Nothing more can be done for this response.
  }
}
