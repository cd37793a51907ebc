/**
 * The wire contract: every error response body is a JSON array of these objects,
 * each with exactly these four keys (docs/error-codes.md lists the codes; docs/design.md in the repository explains the contract).
 */
export interface ApiError {
  /** Sentences for a developer, ending with a period. Never driver text, SQL or stacks. */
  message: string;
  /** Stable digits-only code, unique to one situation (see the code registry). */
  error_code: string;
  /** The request key the error is about, as the client sent it (`profile.links.1.url`), or null. */
  field: string | null;
  /** Machine-readable extras documented per code, or null. */
  details: Record<string, unknown> | null;
}

/**
 * One error as the pipeline carries it: the client-facing object plus the HTTP status
 * it asks for. The status is combined over all errors by `responseStatus` and never
 * appears in the body.
 */
export interface ErrorWithStatus {
  status: number;
  error: ApiError;
}

/** Keeps exactly the four contract keys, in contract order, whatever the input carried. */
export function toApiError(error: ApiError): ApiError {
  return {
    message: error.message,
    error_code: error.error_code,
    field: error.field ?? null,
    details: error.details ?? null,
  };
}
