import { Server, Socket, connect, createServer } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { POSTGRES_AVAILABLE, TEST_DATABASE_URL } from '../support/databases';
import { expectContract } from '../support/test-app';
import { ADAPTERS, SampleApp, startSampleApp } from './support/app-harness';
import { VALID_BODIES, operationsOf } from './support/valid-requests';

jest.setTimeout(120_000);

/**
 * The shared 500 and 503 responses every operation documents, caused on every operation.
 * 503: the
 * real PostgreSQL server behind a TCP relay this test owns, so the database can be made
 * slow (tables locked by another session, with the app's lock_timeout) and then
 * unreachable (the relay closed) without touching the server or anyone else's session.
 * The real server only: PGlite runs inside the process.
 */
interface Relay {
  port: number;
  /** Closes the listening socket and every relayed connection: the database is gone. */
  cut(): Promise<void>;
}

async function startRelay(target: URL): Promise<Relay> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const itOnPostgres = POSTGRES_AVAILABLE ? it : it.skip;

describe.each(ADAPTERS)('every operation when the database is slow, then down, on %s', (adapter) => {
  let relay: Relay;
  let app: SampleApp | undefined;
  let operations: Array<{ method: string; path: string }> = [];
  const base = `sample_pg_down_${process.pid}_${adapter}_${Math.random().toString(36).slice(2, 7)}`;
  const schemas = { app: base, userTables: `${base}_tables` };

  beforeAll(async () => {
    if (!POSTGRES_AVAILABLE) return;
    const target = new URL(TEST_DATABASE_URL);
    relay = await startRelay(target);
    const url = new URL(TEST_DATABASE_URL);
    url.host = `127.0.0.1:${relay.port}`;
    // A lock held by another session fails a statement after 300 ms (55P03), not never.
    // The URL's options replace the app's own, so they repeat its search_path.
    url.searchParams.set('options', `-c search_path=${schemas.app} -c lock_timeout=300`);
    app = await startSampleApp('postgres', adapter, { url: url.toString(), schemas });
    operations = operationsOf((await app.http().get('/api/docs-json')).body);
  });
  afterAll(async () => {
    await relay?.cut();
    if (app) {
      await app.close(); // drops the schemas
    } else if (POSTGRES_AVAILABLE) {
      // The app did not start: drop what its start may have created.
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schemas.userTables}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${schemas.app}" CASCADE`);
      await client.end();
    }
  });

  /** A request each operation accepts up to its first query. */
  function send(operation: { method: string; path: string }) {
    const url = operation.path.replace(/\{[^}]+\}/gu, '1');
    const body = VALID_BODIES[`${operation.method} ${operation.path}`]?.();
    const request = app!.http()[operation.method.toLowerCase() as 'get'](url);
    return body ? request.send(body) : request;
  }

  async function answersOf(): Promise<string[]> {
    const answers: string[] = [];
    for (const operation of operations) {
      const response = await send(operation);
      const codes = response.status >= 400 ? expectContract(response).map((error) => error.error_code) : [];
      answers.push(
        `${operation.method} ${operation.path} ${response.status} ${codes.join(',')} ${response.headers['retry-after'] ?? '-'}`,
      );
    }
    return answers;
  }

  itOnPostgres('answers 503 DATABASE_TIMEOUT with Retry-After while another session locks the tables', async () => {
    const rival = new Client({ connectionString: TEST_DATABASE_URL });
    await rival.connect();
    try {
      const schema = app!.schemas.app;
      await rival.query('BEGIN');
      await rival.query(
        `LOCK TABLE "${schema}".users, "${schema}".tables, "${schema}".columns IN ACCESS EXCLUSIVE MODE`,
      );
      const answers = await answersOf();
      expect(answers).toEqual(operations.map((operation) => `${operation.method} ${operation.path} 503 3030 1`));
    } finally {
      await rival.query('ROLLBACK').catch(() => undefined);
      await rival.end();
    }
  });

  itOnPostgres('answers 503 DATABASE_UNAVAILABLE with Retry-After once the database cannot be reached', async () => {
    await relay.cut();
    const answers = await answersOf();
    expect(answers).toEqual(operations.map((operation) => `${operation.method} ${operation.path} 503 3031 1`));
  });
});

describe.each(ADAPTERS)('every operation when its DataSource is gone, on %s', (adapter) => {
  let app: SampleApp;
  let operations: Array<{ method: string; path: string }> = [];

  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter);
    operations = operationsOf((await app.http().get('/api/docs-json')).body);
  });
  afterAll(async () => {
    await app?.close();
  });

  // A bug of the app's own (a query on a destroyed DataSource): the client learns only
  // that it failed and the request id; TypeORM's text stays in the log.
  it('answers 500 INTERNAL_ERROR with the request id and nothing else', async () => {
    await app.app.get(DataSource).destroy();
    for (const operation of operations) {
      const url = operation.path.replace(/\{[^}]+\}/gu, '1');
      const body = VALID_BODIES[`${operation.method} ${operation.path}`]?.();
      const request = app.http()[operation.method.toLowerCase() as 'get'](url);
      const response = await (body ? request.send(body) : request);
      expect({ operation, status: response.status, body: response.body }).toEqual({
        operation,
        status: 500,
        body: [
          {
            message: 'Something went wrong on our side. Quote the request id if you report it.',
            error_code: '5000',
            field: null,
            details: { request_id: response.headers['x-request-id'] },
          },
        ],
      });
    }
  });
});
