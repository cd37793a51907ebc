import { ErrorWithStatus } from '../contract/api-error.js';
import { ErrorCodeRegistry } from '../codes/registry.js';

/** What a translator knows about the failing request, beyond the error itself. */
export interface TranslationContext {
  /** The request id sent back in `X-Request-Id` (also put into 500 bodies). */
  requestId: string;
  /** All codes the app can answer with (built-in and the app's own). */
  registry: ErrorCodeRegistry;
  /** The server's body size limit, when the platform does not put it on its error. */
  bodyLimitBytes?: number;
  /** The HTTP request, when the error came from one. */
  request?: {
    method: string;
    path: string;
    /** False when no route matched (the framework's not-found handler is running). */
    routeMatched: boolean;
    /** True when the client hung up before its request was whole (an upload cut short). */
    aborted?: boolean;
  };
}

/** A translator's answer: the contract objects for one thrown error. */
export interface Translation {
  /** At least one error; the response status follows the status rule over all of them. */
  errors: ErrorWithStatus[];
  /** Extra response headers, such as `Retry-After` for a 503. */
  headers?: Record<string, string>;
  /**
   * The error to log when the response is a 5xx (defaults to the thrown error itself).
   * Translators that wrap may point at the inner cause here.
   */
  logged?: unknown;
}

/**
 * A plain function from anything thrown to contract errors, or `undefined` for "not
 * mine". Translators import nothing from Nest's HTTP layer and run without an app, so
 * each one is unit-tested on its own; the filter tries them in order and the first that
 * claims an error wins.
 */
export type ErrorTranslator = (exception: unknown, context: TranslationContext) => Translation | undefined;
