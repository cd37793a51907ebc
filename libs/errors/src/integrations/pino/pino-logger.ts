import { Logger, LoggerService } from '@nestjs/common';

/** A logger that takes a record object before its message, as pino does: `error(record, message)`. */
export interface StructuredLogger {
  error(record: object, message: string): void;
}

/**
 * The structured logger behind the library's logger, when it is nestjs-pino's: its
 * `Logger` (what `app.useLogger(app.get(Logger))` installs, reached through Nest's
 * `Logger`) or its `PinoLogger` given as the `logger` option. Known by their shape,
 * without importing nestjs-pino: a `PinoLogger` has `assign` and a pino `logger`
 * with `child`; nestjs-pino's `Logger` wraps one in its `logger` property. Any other
 * logger (Nest's ConsoleLogger, a custom one) gets the text line.
 */
export function structuredLoggerOf(logger: LoggerService): StructuredLogger | undefined {
  const target = logger instanceof Logger ? logger.localInstance : logger;
  const candidate = target as { assign?: unknown; logger?: unknown } | undefined;
  if (isPinoLogger(candidate) || isPinoLogger(candidate?.logger)) return logger as unknown as StructuredLogger;
  return undefined;
}

function isPinoLogger(value: unknown): boolean {
  const pinoLogger = value as { assign?: unknown; logger?: { child?: unknown } } | undefined;
  return typeof pinoLogger?.assign === 'function' && typeof pinoLogger.logger?.child === 'function';
}
