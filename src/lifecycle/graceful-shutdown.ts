import { INestApplication } from '@nestjs/common';
import { RequestDrain } from './request-drain';

/** How long a shutdown waits for the requests in flight before it closes anyway. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * SIGTERM (or SIGINT): new requests are answered 503 in the contract while the ones
 * already accepted finish (at most `graceMs`); then the app closes, which closes the HTTP
 * server and then the database (PGlite writes its files), and the process exits.
 * Replaces Nest's enableShutdownHooks, which would close the server and the database
 * under the requests still running.
 */
export function installGracefulShutdown(
  app: INestApplication,
  options: { graceMs?: number; log?: (message: string) => void; afterClose?: () => Promise<unknown> } = {},
): void {
  const graceMs = options.graceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const log = options.log ?? ((message: string) => console.log(message));
  let started = false;
  const shutDown = async (signal: NodeJS.Signals) => {
    const drain = app.get(RequestDrain);
    log(`${signal}: refusing new requests, ${drain.requestsInFlight} in flight.`);
    const unfinished = await drain.drain(graceMs);
    if (unfinished > 0) log(`${unfinished} request(s) still running after ${graceMs} ms: closing anyway.`);
    await app.close();
    // Last: what the app did while closing is exported too (the telemetry's spans).
    await options.afterClose?.();
    log('Closed.');
    process.exit(unfinished > 0 ? 1 : 0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (started) return;
      started = true;
      shutDown(signal).catch((error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      });
    });
  }
}
