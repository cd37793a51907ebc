import type { ErrorRuntime } from '../runtime/error-runtime.js';
import type { ErrorTransport } from '../transports/transport.js';
import type { Translation } from '../translators/translator.js';

/**
 * Answers one failed request in the contract, on any transport that writes bytes: the
 * request id, the translation (or the one given), the answer the runtime builds, the
 * 5xx report, the recording (tracing, the error counter), the write. If any of it fails, a minimal 500 is written on the lowest layer
 * and both failures are reported.
 */
export function answerError<Request, Response>(
  runtime: ErrorRuntime,
  transport: ErrorTransport<Request, Response>,
  exception: unknown,
  request: Request,
  response: Response,
  translate?: (requestId: string) => Translation,
): void {
  let requestId = 'unknown';
  try {
    requestId = transport.requestId(request, response);
    const translation = translate
      ? translate(requestId)
      : runtime.translate(exception, requestId, transport.facts(request));
    const answer = runtime.answer(translation, requestId, transport.headers(request), transport.existingVary(response));
    if (answer.status >= 500 || runtime.records) {
      const { method, path } = transport.requestLine(request);
      const codes = translation.errors.map((item) => item.error.error_code);
      const error = translation.logged ?? exception;
      if (answer.status >= 500) {
        runtime.reportServerError({
          status: answer.status,
          codes,
          requestId,
          transport: transport.name,
          method,
          path,
          error,
        });
      }
      runtime.recordAnswer({
        status: answer.status,
        codes,
        requestId,
        method,
        path,
        route: transport.route?.(request),
        error,
      });
    }
    transport.write(response, answer);
  } catch (failure) {
    runtime.reportServerError({
      status: 500,
      codes: [],
      requestId,
      transport: transport.name,
      error: exception,
      answerFailure: failure,
    });
    transport.writeLastResort(response, runtime.lastResortAnswer(requestId));
  }
}
