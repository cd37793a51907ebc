import { mkdtempSync, rmSync } from 'node:fs';
import { ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADAPTERS } from '../support/test-app';
import { AppProcess, startAppProcess } from '../support/processes/app-process';

/**
 * SIGTERM to the real app process (src/main.ts on PGlite in a data folder) while
 * creates are in flight (their bodies still arriving): those finish with 201, every
 * request that arrives afterwards gets the contract 503 until the server closes, the
 * process exits 0, and the app started again on the same folder has exactly the users
 * acknowledged.
 */
jest.setTimeout(180_000);

const IN_FLIGHT = 4;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe.each(ADAPTERS)('SIGTERM on %s', (adapter) => {
  let dataDir: string;
  let app: AppProcess | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'shutdown-pglite-'));
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets the requests in flight finish, answers new ones 503 in the contract, and loses nothing', async () => {
    const env = { PGLITE_DATA_DIR: dataDir, HTTP_ADAPTER: adapter };
    const running = await startAppProcess(env, `app/${adapter}`);
    app = running;
    const first = await post(running.port, { email: 'first@example.com', username: 'first' });
    expect(first.status).toBe(201);

    // Creates whose bodies arrive in two parts: in flight from their headers on.
    const slow = Array.from({ length: IN_FLIGHT }, (_, i) =>
      slowPost(running.port, { email: `slow${i}@example.com`, username: `slow${i}` }),
    );
    // The server cannot be asked whether it has read their headers; an idle server does
    // within a second, and the log line below says how many it had.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    running.signal('SIGTERM');
    await untilOutput(running, (output) => output.includes('SIGTERM: refusing new requests'));
    expect(running.output()).toContain(`SIGTERM: refusing new requests, ${IN_FLIGHT} in flight.`);

    // Draining: a new request is refused, the ones in flight complete.
    const refused = [await post(running.port, { email: 'late@example.com', username: 'late' })];
    const finished = await Promise.all(slow.map((request) => request.finish()));
    for (const answer of finished) expect(answer.status).toBe(201);

    // Until the server stops listening, every new request is the contract 503.
    for (;;) {
      // Node's socket errors come from outside Jest's realm: told apart by shape, not instanceof.
      const answer: Answer | { code?: string } = await post(running.port, {
        email: 'later@example.com',
        username: 'later',
      }).catch((error: { code?: string }) => error);
      if (!('status' in answer)) {
        expect(['ECONNREFUSED', 'ECONNRESET']).toContain(answer.code);
        break;
      }
      refused.push(answer);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const answer of refused) expectShuttingDown(answer);
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.output()).toContain('Closed.');

    // Started again on the same folder: every acknowledged user is there, and nothing else.
    const again = await startAppProcess(env, `app/${adapter} again`);
    app = again;
    const list = JSON.parse((await get(again.port, '/api/v0/users?limit=100')).body) as {
      count: number;
      results: Array<{ id: number; username: string }>;
    };
    const stored = new Map(list.results.map((user) => [user.id, user.username]));
    const acknowledged = [first, ...finished].map(
      (answer) => JSON.parse(answer.body) as { id: number; username: string },
    );
    for (const user of acknowledged) expect(stored.get(user.id)).toBe(user.username);
    expect(list.count).toBe(acknowledged.length);
    await again.stop();
  });
});

function expectShuttingDown(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(answer.headers['retry-after']).toBe('1');
  expect(answer.headers['connection']).toBe('close');
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  const requestId = answer.headers['x-request-id'];
  expect(JSON.parse(answer.body)).toEqual([
    {
      message: 'The service is temporarily unavailable. Try again later.',
      error_code: '5003',
      field: null,
      details: { request_id: requestId, retry_after_seconds: 1 },
    },
  ]);
}

function post(port: number, body: unknown): Promise<Answer> {
  return send(port, 'POST', '/api/v0/users', JSON.stringify(body));
}

/** A create whose headers and first half of the body are sent now, the rest by `finish()`. */
function slowPost(port: number, body: unknown): { finish(): Promise<Answer> } {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  let outgoing!: ClientRequest;
  const answer = new Promise<Answer>((done, fail) => {
    outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v0/users',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (incoming) => collect(incoming, done, fail),
    );
    outgoing.on('error', fail);
    outgoing.flushHeaders();
    outgoing.write(text.slice(0, half));
  });
  return {
    finish() {
      outgoing.end(text.slice(half));
      return answer;
    },
  };
}

/** Waits until the process's output satisfies `test`. */
async function untilOutput(app: AppProcess, test: (output: string) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 1_000; attempt++) {
    if (test(app.output())) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`unexpected output:\n${app.output()}`);
}

function get(port: number, path: string): Promise<Answer> {
  return send(port, 'GET', path);
}

/** One request on a connection of its own (no keep-alive pool), so a burst is really concurrent. */
function send(port: number, method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers:
          body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (incoming) => collect(incoming, done, fail),
    );
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

function collect(incoming: IncomingMessage, done: (answer: Answer) => void, fail: (error: Error) => void): void {
  let text = '';
  incoming.setEncoding('utf8');
  incoming.on('data', (chunk: string) => (text += chunk));
  incoming.on('end', () => done({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }));
  incoming.on('error', fail);
}
