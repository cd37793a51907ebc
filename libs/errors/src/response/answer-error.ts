import type { ErrorRuntime } from '../runtime/error-runtime.js';
import type { ErrorTransport } from '../transports/transport.js';
import type { Translation } from '../translators/translator.js';

/**
 * Answers one failed request in the contract, on any transport that writes bytes: the
 * request id, the translation (or the one given), the answer the runtime builds, the
 * 5xx report, the write. If any of it fails, a minimal 500 is written on the lowest layer
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
    if (answer.status >= 500) {
      const { method, path } = transport.requestLine(request);
      runtime.reportServerError({
        status: answer.status,
        codes: translation.errors.map((item) => item.error.error_code),
        requestId,
        transport: transport.name,
        method,
        path,
        error: translation.logged ?? exception,
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
