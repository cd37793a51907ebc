import type { RequestHeaders } from '../negotiation/error-responder.js';
import type { ErrorAnswer } from '../response/error-answer.js';
import type { RequestFacts } from '../runtime/error-runtime.js';

/**
 * What answering an error needs from one transport (HTTP on Express or Fastify today;
 * GraphQL beside it): read the request's id, its headers for negotiation and the facts
 * translators may use; write a finished answer. Everything else (translators, codes,
 * locales, the status rule, headers and serialization) is the runtime's and the same
 * for every transport.
 */
export interface ErrorTransport<Request, Response> {
  /** The transport's name in logs and in the 5xx report (`http`). */
  readonly name: string;
  /** The id of this request: the one its response already carries, else a sane client id, else a new one. */
  requestId(request: Request, response: Response): string;
  /** The headers negotiation reads (Accept, Accept-Language), or undefined when they cannot be trusted. */
  headers(request: Request): RequestHeaders | undefined;
  /** What translators may read about the request (method, path, whether a route matched, limits). */
  facts(request: Request): RequestFacts;
  /** A Vary header the response already carries (CORS may have set `Origin`). */
  existingVary(response: Response): unknown;
  /** The method and the path (without its query string) for the 5xx report. */
  requestLine(request: Request): { method: string; path: string };
  /** The template of the route that matched (`/users/:id`), for telemetry; undefined when none did. */
  route?(request: Request): string | undefined;
  /**
   * Puts the answer on the wire. When the response has already started, the status line
   * is gone: the connection is cut instead, so the client sees a failed response rather
   * than a truncated body that looks complete.
   */
  write(response: Response, answer: ErrorAnswer): void;
  /** Writes the minimal 500 on the lowest layer available (the layer above may be what failed). */
  writeLastResort(response: Response, answer: ErrorAnswer): void;
}
