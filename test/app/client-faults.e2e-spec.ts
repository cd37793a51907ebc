import { Logger } from '@nestjs/common';
import { connect } from 'node:net';
import { ADAPTERS, API, SampleApp, startSampleApp } from './support/app-harness';

jest.setTimeout(60_000);

/**
 * What clients do that is no failure of the server must never be logged as one: an
 * upload cut short was a 500 with a stack on Fastify, once per request (300 aborted
 * uploads, 303 error records), a cheap way to flood the log and the alerts.
 */
describe.each(ADAPTERS)('client faults on %s', (adapter) => {
  let app: SampleApp;
  let errors: jest.SpyInstance;

  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter, { recordForDrift: false });
  });
  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error');
  });
  afterEach(() => errors.mockRestore());
  afterAll(() => app?.close());

  /** Sends the head and part of the body, then hangs up. */
  function abortUpload(port: number): Promise<void> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST ${API}/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"email":"a`,
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
  }

  it('logs nothing at error level for 20 uploads cut short, and keeps answering', async () => {
    const port = (app.app.getHttpServer().address() as { port: number }).port;
    for (let index = 0; index < 20; index++) await abortUpload(port);
    // Let the server notice the closed sockets and run its error path, if any.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([]);
    expect((await app.http().get(`${API}/users?limit=1`)).status).toBe(200);
  });
});
