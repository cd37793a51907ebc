import { ApiError, ErrorWithStatus } from '../contract/api-error.js';

/**
 * An error response as an RFC 9457 Problem Details object (`application/problem+json`).
 * The standard members describe the response's main problem; the extension `errors`
 * holds every problem as the usual contract objects, exactly what the array answer holds.
 */
export interface ProblemDetails {
  /** The URI of the main problem's code in the served catalogue (`/errors/1001`), or `about:blank`. */
  type: string;
  /**
   * A human-readable summary of the main problem's type, the same for every occurrence:
   * its code's message template in the response's language, placeholders left blank
   * (`… must be an email.`), and a note of how many more problems `errors` holds.
   */
  title: string;
  /** The HTTP status of the response. */
  status: number;
  /** The main problem's message, in the response's language. */
  detail: string;
  /** `urn:uuid:<request id>`, present only when the request id is a UUID (it says nothing new). */
  instance?: string;
  /** The request id, as in the request id header. */
  request_id: string;
  /** Every problem, as in the array answer. */
  errors: ApiError[];
}

/** The title for a main problem of this code. */
export type ProblemTitleOf = (code: string) => string;

/**
 * Builds the Problem Details object of one response from its errors (already rendered
 * in the response's language, `body`) and what they were built from (`errors`, for the
 * statuses). The main problem is the first whose status is the response's (else the
 * first 5xx of a 500, else the first): RFC 9457 asks a response with problems of several types to represent the most
 * relevant one and lets an extension carry them all.
 */
export function toProblemDetails(
  errors: readonly ErrorWithStatus[],
  body: ApiError[],
  status: number,
  requestId: string,
  typeBase: string | null,
  titleOf: ProblemTitleOf,
): ProblemDetails {
  let main = errors.findIndex((item) => item.status === status);
  if (main === -1) main = Math.max(0, status >= 500 ? errors.findIndex((item) => item.status >= 500) : 0);
  const { error_code: code, message: detail } = body[main];
  // Without a catalogue to point at, the code says what `type` would: RFC 9457's default.
  const type = typeBase === null ? 'about:blank' : `${typeBase}${code}`;
  const title = titleOf(code);
  // Only a UUID makes an `instance`: a client's own non-UUID id is not a URI to vouch for.
  if (!UUID.test(requestId)) return { type, title, status, detail, request_id: requestId, errors: body };
  const instance = `urn:uuid:${requestId.toLowerCase()}`;
  return { type, title, status, detail, instance, request_id: requestId, errors: body };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
