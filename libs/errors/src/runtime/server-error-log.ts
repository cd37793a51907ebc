import { LoggerService } from '@nestjs/common';
import { structuredLoggerOf } from '../integrations/pino/pino-logger.js';
import { serverErrorMessage, serverErrorRecord } from '../integrations/pino/server-error-record.js';
import { describeForLog } from './log-format.js';

/**
 * One answered 5xx, as the one place that reports it sees it. Integrations (a
 * structured logger, tracing) read these fields rather than parse the log line.
 */
export interface ServerErrorEvent {
  /** The response status (500, 503...). */
  readonly status: number;
  /** The codes of the answer's errors, in body order. */
  readonly codes: readonly string[];
  readonly requestId: string;
  /** `http`, `ws`, or the transport that answered; `http` requests also carry method and path. */
  readonly transport: string;
  readonly method?: string;
  /** Without its query string: queries often carry tokens. */
  readonly path?: string;
  /** What failed: the translation's `logged` error, else the thrown value (stack and cause are logged). */
  readonly error: unknown;
  /** Set when the library's own answering failed and a minimal 500 was sent instead. */
  readonly answerFailure?: unknown;
}

/**
 * The one place a 5xx is logged: once per answered request, with request id, stack and
 * cause. Expected 4xx never come here.
 */
export function logServerError(logger: LoggerService, event: ServerErrorEvent): void {
  if (event.answerFailure !== undefined) {
    logger.error(
      `Error filter failed while handling a request (request_id=${event.requestId}): ${describeForLog(event.answerFailure)}`,
      undefined,
    );
    logger.error(`Original error (request_id=${event.requestId}): ${describeForLog(event.error)}`);
    return;
  }
  if (event.transport === 'ws') {
    logger.error(`WebSocket handler failed: ${describeForLog(event.error)}`);
    return;
  }
  // With nestjs-pino, one structured record, which pino-http's request binding correlates.
  const structured = structuredLoggerOf(logger);
  if (structured) {
    structured.error(serverErrorRecord(event), serverErrorMessage(event));
    return;
  }
  logger.error(`${serverErrorMessage(event)} request_id=${event.requestId}: ${describeForLog(event.error)}`);
}
