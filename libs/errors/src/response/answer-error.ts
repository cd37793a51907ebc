import { ErrorRuntime, lastResortAnswer } from '../runtime/error-runtime.js';
import type { ErrorTransport } from '../transports/transport.js';
import type { Translation } from '../translators/translator.js';

/**
 * Answers one failed request in the contract, on any transport that writes bytes: the
 * request id, the translation (or the one given), the answer the runtime builds, the
 * 5xx report, the recording (tracing, the error counter), the write. If any of it fails,
 * a minimal 500 is written on the lowest layer and both failures are reported. A caller
 * that answers without an exception (an unknown route) gives `exceptionForLog`, which
 * builds one only for that report.
 */
export function answerError<Request, Response>(
  runtime: ErrorRuntime,
  transport: ErrorTransport<Request, Response>,
  exception: unknown,
  request: Request,
  response: Response,
  translate?: (requestId: string) => Translation,
  exceptionForLog?: () => unknown,
): void {
  let requestId = 'unknown';
  try {
    requestId = transport.requestId(request, response);
    const translation = translate
      ? translate(requestId)
      : runtime.translate(exception, requestId, transport.facts(request));
    const answer = runtime.answer(translation, requestId, transport.headers(request), transport.existingVary(response));
    // Describing the answer costs a little; only a 5xx report or a listening recorder reads it.
    const records = runtime.records;
    if (answer.status >= 500 || records) {
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
      if (records) {
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
    }
    transport.write(response, answer);
  } catch (failure) {
    runtime.reportServerError({
      status: 500,
      codes: [],
      requestId,
      transport: transport.name,
      error: exception === undefined && exceptionForLog ? exceptionForLog() : exception,
      answerFailure: failure,
    });
    transport.writeLastResort(response, lastResortAnswer(runtime, requestId));
  }
}
