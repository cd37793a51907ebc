import { ErrorTranslator, ServerCodes } from 'nest-error-contract';

/** Seconds a client refused during a shutdown is told to wait (another instance takes over). */
export const SHUTDOWN_RETRY_AFTER_SECONDS = 1;

/** Thrown for a request that arrives while the app drains before it stops. */
export class ServerShuttingDownError extends Error {
  constructor() {
    super('Request refused: the server is shutting down.');
    this.name = 'ServerShuttingDownError';
    // An expected event, logged once per refused request: the stack would say nothing.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * 503 SERVICE_UNAVAILABLE with Retry-After, and `Connection: close` so that the client's
 * next request opens a connection to an instance that is not stopping.
 */
export const translateServerShuttingDown: ErrorTranslator = (exception, context) => {
  if (!(exception instanceof ServerShuttingDownError)) return undefined;
  return {
    errors: [
      ServerCodes.SERVICE_UNAVAILABLE.create({
        details: { request_id: context.requestId, retry_after_seconds: SHUTDOWN_RETRY_AFTER_SECONDS },
      }),
    ],
    headers: { 'Retry-After': String(SHUTDOWN_RETRY_AFTER_SECONDS), Connection: 'close' },
    logged: exception,
  };
};
