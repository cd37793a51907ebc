import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { createServer, connect } from 'node:net';
import { readDatabaseFailure } from './index.js';
import { buildDatabaseTranslator } from './database.translator.js';

const translateDatabaseError = buildDatabaseTranslator();

/**
 * pg's and pg-pool's code-less errors, built as they build them (`new Error(text)`),
 * raw (pool.connect) and wrapped the way TypeORM wraps a failed query (its
 * QueryFailedError takes the driver error's message). Real ones, from a real server and
 * a real PgBouncer, are recorded in test/database/connection-failures.e2e-spec.ts.
 */
function wrappedByTypeorm(driverError: Error) {
  return Object.assign(new Error(driverError.message), {
    name: 'QueryFailedError',
    query: 'SELECT 1',
    parameters: [],
    driverError,
  });
}

const context = { requestId: 'r-7' };

describe.each([
  ['Connection terminated unexpectedly', '08006', '3031'],
  ['Connection terminated due to connection timeout', '08006', '3031'],
  ['timeout exceeded when trying to connect', '08006', '3031'],
  ['Client has encountered a connection error and is not queryable', '08006', '3031'],
  ['Connection terminated', '08003', '3031'],
  ['Client was closed and is not queryable', '08003', '3031'],
  ['Cannot use a pool after calling end on the pool', '08003', '3031'],
  ['Query read timeout', '57014', '3030'],
])('pg error "%s"', (message, sqlState, errorCode) => {
  it.each([
    ['raw', () => new Error(message)],
    ['wrapped by TypeORM', () => wrappedByTypeorm(new Error(message))],
  ])('%s: reads as SQLSTATE %s and answers 503 with Retry-After, without the driver text', (_how, make) => {
    const error = make();
    expect(readDatabaseFailure(error)).toMatchObject({ kind: 'query', driverError: { code: sqlState } });
    const translation = translateDatabaseError(error, context)!;
    expect(translation.headers).toEqual({ 'Retry-After': '1' });
    expect(translation.errors).toEqual([
      {
        status: 503,
        error: expect.objectContaining({
          error_code: errorCode,
          field: null,
          details: { request_id: 'r-7', retry_after_seconds: 1, retryable: true },
        }),
      },
    ]);
    expect(JSON.stringify(translation.errors)).not.toContain(message);
    expect(translation.logged).toBe(error);
  });
});

describe("TypeORM's QueryRunnerAlreadyReleasedError", () => {
  it('is a connection that went away between two statements of one request: 503', () => {
    const error = Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), {
      name: 'QueryRunnerAlreadyReleasedError',
    });
    expect(readDatabaseFailure(error)).toMatchObject({ driverError: { code: '08003' } });
    expect(translateDatabaseError(error, context)?.errors[0]).toMatchObject({
      status: 503,
      error: { error_code: '3031' },
    });
  });
});

describe("TypeORM's QueryRunnerProviderAlreadyReleasedError (found by the soak run)", () => {
  it('is the next statement of a transaction whose session the server cut (EntityManager.query): 503', () => {
    // TypeORM's own class: the soak run's retype answered 500 when every backend was terminated.
    const error = new QueryRunnerProviderAlreadyReleasedError();
    expect(readDatabaseFailure(error)).toMatchObject({ driverError: { code: '08003' } });
    expect(translateDatabaseError(error, context)?.errors[0]).toMatchObject({
      status: 503,
      error: { error_code: '3031' },
    });
  });
});

describe('socket errors', () => {
  const refused = (port: number) =>
    Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED', port });

  it("are the database's only on its port (the URL's port is added at start-up)", () => {
    expect(readDatabaseFailure(refused(5432))).toMatchObject({ driverError: { code: 'ECONNREFUSED' } });
    expect(readDatabaseFailure(refused(6432))).toBeUndefined();
    expect(readDatabaseFailure(refused(6432), new Set([6432]))).toMatchObject({
      driverError: { code: 'ECONNREFUSED' },
    });
  });

  it('are claimed from an AggregateError of a host name with several addresses', () => {
    const aggregate = Object.assign(new AggregateError([refused(5432), refused(5432)], ''), { code: 'ECONNREFUSED' });
    expect(translateDatabaseError(aggregate, context)?.errors[0]).toMatchObject({
      status: 503,
      error: { error_code: '3031' },
    });
    const elsewhere = Object.assign(new AggregateError([refused(6379)], ''), { code: 'ECONNREFUSED' });
    expect(translateDatabaseError(elsewhere, context)).toBeUndefined();
  });

  it('are claimed without a port when a connected socket fails (pg lets that out while setting up a connection)', async () => {
    const error = await socketResetAfterWrite();
    expect(Object.keys(error).sort()).toEqual(['code', 'errno', 'syscall']);
    expect(readDatabaseFailure(error, new Set([6543]))).toMatchObject({ driverError: { code: 'ECONNRESET' } });
    expect(translateDatabaseError(error, context)?.errors[0]).toMatchObject({
      status: 503,
      error: { error_code: '3031' },
    });
    // Anything more than the bare socket error (a client library's wrapper) is not claimed.
    expect(readDatabaseFailure(Object.assign(new Error('read ECONNRESET'), { ...error, config: {} }))).toBeUndefined();
    expect(readDatabaseFailure({ errno: -104, code: 'ECONNRESET', syscall: 'connect' })).toBeUndefined();
  });

  it('leave other errors with those words alone unless the text is exactly the driver’s', () => {
    expect(readDatabaseFailure(new Error('Connection terminated unexpectedly by the payment API'))).toBeUndefined();
    expect(readDatabaseFailure(new Error('query read timeout'))).toBeUndefined();
  });
});

/** A real Node socket error: a server that resets the connection once the client has written. */
function socketResetAfterWrite(): Promise<NodeJS.ErrnoException> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.on('data', () => socket.resetAndDestroy()));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      const client = connect(port, '127.0.0.1', () => client.write('startup'));
      client.on('error', (error: NodeJS.ErrnoException) => {
        server.close();
        resolve(error);
      });
    });
  });
}
