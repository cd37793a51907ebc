import { ErrorRuntime, lastResortAnswer } from '../runtime/error-runtime.js';
import type { ErrorTransport } from '../transports/transport.js';
import type { Translation } from '../translators/translator.js';

/**
 * Answers one failed request in the contract, on any transport that writes bytes: the
 * request id, the translation (or the one given), the answer the runtime builds, the
 * 5xx report, the write. If any of it fails, a minimal 500 is written on the lowest layer
 * and both failures are reported. A caller that answers without an exception (an unknown
 * route) gives `exceptionForLog`, which builds one only for that report.
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
      error: exception === undefined && exceptionForLog ? exceptionForLog() : exception,
      answerFailure: failure,
    });
    transport.writeLastResort(response, lastResortAnswer(runtime, requestId));
  }
}
