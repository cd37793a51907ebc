/**
 * One error answer, as the side effects at the end of the pipeline see it (tracing, the
 * error counter, the 5xx log record). Built once per answered request.
 */
export interface AnsweredError {
  /** The response status (the status rule over all errors). */
  readonly status: number;
  /** The codes of the answer's errors, in body order. */
  readonly codes: readonly string[];
  readonly requestId: string;
  readonly method?: string;
  /** Without its query string: queries often carry tokens. */
  readonly path?: string;
  /** The route template that matched (`/api/v0/users/:id`), absent when no route did. */
  readonly route?: string;
  /** What failed: for a 5xx, the error to report with its stack and cause. */
  readonly error: unknown;
}
