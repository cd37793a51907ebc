import { Logger } from '@nestjs/common';
import { createDatabaseTranslator } from 'nest-error-contract/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Response } from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { DatabaseConfig } from '../../src/config';
import { ADAPTERS, AdapterName, TestApp, createTestApp, expectContract } from '../support/test-app';
import { canRunInfrastructure } from '../support/processes/availability';
import { LocalPostgres, startLocalPostgres } from '../support/processes/local-postgres';
import { PgBouncer, startPgBouncer } from '../support/processes/pgbouncer';
import { sleep } from '../support/processes/system-user';

/**
 * The sample app on a PostgreSQL server of the test's own, directly and through a real
 * PgBouncer in transaction pooling mode, while the server restarts, stops, cuts
 * sessions, the pooler pauses, refuses clients or stops. Each case records the error the
 * app really received (from its 5xx log line) and checks the client got a 503 with
 * Retry-After and the contract body, and not a word of the driver's or pooler's text.
 * After each case the same app, not restarted, answers again.
 */
jest.setTimeout(120_000);

const RUN = canRunInfrastructure('the connection-failure tests (own PostgreSQL server and PgBouncer)', {
  pgbouncer: true,
});
const DATABASE = 'app';
const API = '/api/v0';

/**
 * Small pool and short waits, so that each case takes a second or two: 2 pooled
 * connections, 1 s to get one, 3 s for an answer; the server's statement timeout is far
 * above so that the client-side timeout is the one a case meets.
 */
const TIMEOUTS = { connect: 1_000, statement: 60_000, query: 3_000 };
const POOL_SIZE = 2;

const UNAVAILABLE = 'The database is temporarily unavailable. Try again later.';
const TIMEOUT = 'The database did not answer in time. Try again later.';

let postgres: LocalPostgres;
let bouncer: PgBouncer;
let logged: string[] = [];

(RUN ? describe : describe.skip)('connection failures, from a real server and a real PgBouncer', () => {
  beforeAll(async () => {
    // Prepared transactions hold a lock across a restart (withUsersLockedAcrossRestart).
    postgres = await startLocalPostgres({ settings: { max_prepared_transactions: 4 } });
    await postgres.createDatabase(DATABASE);
    bouncer = await startPgBouncer({
      databases: { [DATABASE]: `host=127.0.0.1 port=${postgres.port} dbname=${DATABASE}` },
      settings: { query_wait_timeout: 1 },
    });
    // The filter logs each 5xx once with the error it got: that is the recorded error.
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await bouncer?.destroy();
    await postgres?.destroy();
  });
  beforeEach(() => {
    logged = [];
  });

  it("a session cut between two statements of one query runner: TypeORM's QueryRunnerAlreadyReleasedError", async () => {
    const dataSource = new DataSource({ type: 'postgres', url: postgres.url(DATABASE) });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    try {
      const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
      await postgres.query('SELECT pg_terminate_backend($1)', [pid]);
      // TypeORM releases the runner when its connection reports the error.
      for (let attempt = 0; attempt < 200 && !runner.isReleased; attempt++) await sleep(10);
      const error = await runner.query('SELECT 1').then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect((error as Error).name).toBe('QueryRunnerAlreadyReleasedError');
      const translate = await createDatabaseTranslator();
      const translation = translate(error, { requestId: 'r-1' });
      expect(translation?.headers).toEqual({ 'Retry-After': '1' });
      expect(translation?.errors).toEqual([
        {
          status: 503,
          error: {
            message: UNAVAILABLE,
            error_code: '3031',
            field: null,
            details: { request_id: 'r-1', retry_after_seconds: 1, retryable: true },
          },
        },
      ]);
    } finally {
      await dataSource.destroy();
    }
  });

  describe.each(ADAPTERS)('on %s', (adapter) => {
    let direct: TestApp;
    let pooled: TestApp;
    beforeAll(async () => {
      direct = await sampleApp(adapter, postgres.url(DATABASE));
      pooled = await sampleApp(adapter, bouncer.url(DATABASE));
      const created = await direct
        .http()
        .post(`${API}/users`)
        .send({ email: `${adapter}@example.com`, username: adapter });
      expect(created.status).toBe(201);
      userPath = `${API}/users/${created.body.id}`;
    });
    afterAll(async () => {
      await direct?.close();
      await pooled?.close();
    });
    let userPath: string;

    describe('directly', () => {
      afterEach(() => recovers(direct, userPath));

      it('a statement cut by pg_terminate_backend: 57P01 admin_shutdown', async () => {
        await withUsersLocked(async (lock) => {
          const answer = started(direct.http().get(userPath));
          await untilBlocked(1);
          await postgres.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2 AND wait_event_type = $3',
            [DATABASE, lock.pid, 'Lock'],
          );
          expectUnavailable(await answer);
        });
        expectRecorded('57P01', 'terminating connection due to administrator command');
      });

      it('a statement cut by a server restart: 57P01 admin_shutdown', async () => {
        await withUsersLockedAcrossRestart(async () => {
          const answer = started(direct.http().get(userPath));
          await untilBlocked(1);
          await postgres.restart('fast');
          expectUnavailable(await answer);
        });
        expectRecorded('57P01', 'terminating connection due to administrator command');
      });

      it('the server down: ECONNREFUSED on its port', async () => {
        await postgres.stop('fast');
        try {
          expectUnavailable(await direct.http().get(userPath));
        } finally {
          await postgres.start();
        }
        expect(logged.join('\n')).toMatch(refusedOn(postgres.port));
      });

      it('the server shutting down: 57P03 cannot_connect_now', async () => {
        // The app's pooled sessions are cut first, so that its next statement needs a new
        // connection; a session held open keeps the smart shutdown from completing.
        await postgres.terminateBackends(DATABASE);
        const holder = new Client({ connectionString: postgres.url(DATABASE) });
        holder.on('error', () => undefined);
        await holder.connect();
        await postgres.stop('smart', false);
        try {
          await untilRefused(postgres.url(DATABASE), '57P03');
          expectUnavailable(await direct.http().get(userPath));
        } finally {
          await holder.end().catch(() => undefined);
          await untilStopped();
          await postgres.start();
        }
        expectRecorded('57P03', 'the database system is shutting down');
      });

      it("no answer within the driver's query timeout: Query read timeout", async () => {
        const waited = await withUsersLocked(async () => {
          const start = Date.now();
          expectUnavailable(await direct.http().get(userPath), TIMEOUT, '3030');
          return Date.now() - start;
        });
        expect(waited).toBeGreaterThanOrEqual(TIMEOUTS.query - 50);
        expect(waited).toBeLessThan(TIMEOUTS.connect + TIMEOUTS.query + 2_000);
        expect(logged.join('\n')).toContain('Query read timeout');
      });

      it('every pooled connection busy: timeout exceeded when trying to connect', async () => {
        const busy = await withUsersLocked(async () => {
          const held = Array.from({ length: POOL_SIZE }, () => started(direct.http().get(userPath)));
          await untilBlocked(POOL_SIZE);
          expectUnavailable(await direct.http().get(userPath));
          return held;
        });
        expect(logged.join('\n')).toContain('timeout exceeded when trying to connect');
        // The statements that held the pool finish normally once the lock goes.
        for (const response of await Promise.all(busy)) expect(response.status).toBe(200);
      });
    });

    describe('through PgBouncer', () => {
      afterEach(() => recovers(pooled, userPath));

      it('PAUSE: PgBouncer answers query_wait_timeout (08P01)', async () => {
        await bouncer.admin(`PAUSE ${DATABASE}`);
        try {
          expectUnavailable(await pooled.http().get(userPath));
        } finally {
          await bouncer.admin(`RESUME ${DATABASE}`);
        }
        expectRecorded('08P01', 'query_wait_timeout');
      });

      it('the server unreachable: PgBouncer gives up waiting for a server connection (08P01)', async () => {
        await postgres.stop('fast');
        try {
          expectUnavailable(await pooled.http().get(userPath));
          expectUnavailable(await pooled.http().get(userPath));
        } finally {
          await postgres.start();
        }
        expect(logged.join('\n')).toMatch(/code="08P01"/u);
        expect(logged.join('\n')).toMatch(
          /query_wait_timeout|server login has been failing, try again later \(server_login_retry\)|server conn crashed\?/u,
        );
      });

      it('max_client_conn reached: no more connections allowed (08P01)', async () => {
        // The app's connections to PgBouncer are dropped, then every client slot is taken,
        // so the app's next statement needs a connection PgBouncer refuses.
        await bouncer.admin(`KILL ${DATABASE}`);
        await bouncer.admin(`RESUME ${DATABASE}`);
        await bouncer.setSettings({ max_client_conn: 1 });
        await sleep(200);
        const holder = new Client({ connectionString: bouncer.url(DATABASE) });
        holder.on('error', () => undefined);
        await holder.connect();
        try {
          expectUnavailable(await pooled.http().get(userPath));
        } finally {
          await holder.end().catch(() => undefined);
          await sleep(200);
          await bouncer.setSettings({ max_client_conn: 500 });
        }
        expectRecorded('08P01', 'no more connections allowed (max_client_conn)');
      });

      it('PgBouncer stopped: ECONNREFUSED on its port', async () => {
        await bouncer.stop();
        try {
          expectUnavailable(await pooled.http().get(userPath));
        } finally {
          await bouncer.start();
        }
        expect(logged.join('\n')).toMatch(refusedOn(bouncer.port));
      });

      it('PgBouncer stopped during a statement: Connection terminated unexpectedly', async () => {
        await withUsersLocked(async () => {
          const answer = started(pooled.http().get(userPath));
          await untilBlocked(1);
          await bouncer.stop();
          try {
            expectUnavailable(await answer);
          } finally {
            await bouncer.start();
          }
        });
        expect(logged.join('\n')).toContain('Connection terminated unexpectedly');
      });

      it('the server restarting behind PgBouncer during a statement: 57P01 passed on', async () => {
        await withUsersLockedAcrossRestart(async () => {
          const answer = started(pooled.http().get(userPath));
          await untilBlocked(1);
          await postgres.restart('fast');
          expectUnavailable(await answer);
        });
        expect(logged.join('\n')).toMatch(/code="(57P01|08P01)"/u);
      });
    });
  });
});

async function sampleApp(adapter: AdapterName, url: string): Promise<TestApp> {
  const database: DatabaseConfig = { kind: 'postgres', url, poolSize: POOL_SIZE, timeouts: TIMEOUTS };
  return createTestApp(adapter, { imports: [AppModule.forRoot({ database })] }, { configure: configureApp });
}

/** The exact 503 a client gets: contract body, Retry-After, nothing from the driver. */
function expectUnavailable(response: Response, message = UNAVAILABLE, code = '3031'): void {
  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toBe('1');
  const body = expectContract(response);
  expect(body).toEqual([
    {
      message,
      error_code: code,
      field: null,
      details: { request_id: response.headers['x-request-id'], retry_after_seconds: 1, retryable: true },
    },
  ]);
}

/**
 * Node's socket error for `port`, as the log shows it (an Error's message, or the object
 * itself when it comes from another realm, as under Jest).
 */
function refusedOn(port: number): RegExp {
  return new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}|"code":"ECONNREFUSED".*"port":${port}`, 'u');
}

/** The error the app got, as its 5xx log line shows it: PostgreSQL's or PgBouncer's own words. */
function expectRecorded(sqlState: string, message: string): void {
  const lines = logged.join('\n');
  expect(lines).toContain(message);
  expect(lines).toContain(`code="${sqlState}"`);
}

/** Runs `work` while a session holds ACCESS EXCLUSIVE on users, so the app's statements on it wait. */
async function withUsersLocked<T>(work: (lock: { pid: number }) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgres.url(DATABASE) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE public.users IN ACCESS EXCLUSIVE MODE');
    const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows as Array<{ pid: number }>;
    return await work({ pid });
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs `work` while a prepared transaction holds ACCESS EXCLUSIVE on users. Unlike a
 * session's lock, it is not released when a restart ends the sessions: the app's waiting
 * statement cannot slip through between the holder's end and its own.
 */
async function withUsersLockedAcrossRestart<T>(work: () => Promise<T>): Promise<T> {
  const name = `hold_users_${Math.random().toString(36).slice(2, 8)}`;
  const client = new Client({ connectionString: postgres.url(DATABASE) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE public.users IN ACCESS EXCLUSIVE MODE');
    await client.query(`PREPARE TRANSACTION '${name}'`);
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    return await work();
  } finally {
    await postgres.query(`ROLLBACK PREPARED '${name}'`, [], DATABASE);
  }
}

/** Sends a supertest request now (supertest sends only once awaited). */
function started(request: PromiseLike<Response>): Promise<Response> {
  return Promise.resolve(request);
}

/** Waits until `count` sessions of the app wait for a lock. */
async function untilBlocked(count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [{ n }] = await postgres.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
      [DATABASE],
    );
    if (n >= count) return;
    await sleep(25);
  }
  throw new Error(`${count} blocked statement(s) expected`);
}

/** Waits until a new connection is refused with `sqlState`. */
async function untilRefused(url: string, sqlState: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    const code = await client.connect().then(
      () => client.end().then(() => undefined),
      (error: { code?: string }) => error.code,
    );
    if (code === sqlState) return;
    await sleep(25);
  }
  throw new Error(`connections were never refused with ${sqlState}`);
}

async function untilStopped(): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const client = new Client({ connectionString: postgres.url(DATABASE) });
    client.on('error', () => undefined);
    const code = await client.connect().then(
      () => client.end().then(() => 'up'),
      (error: { code?: string }) => error.code,
    );
    if (code === 'ECONNREFUSED') return;
    await sleep(25);
  }
  throw new Error('the server never stopped');
}

/** The same app, not restarted, answers from the database again within a few seconds. */
async function recovers(app: TestApp, path: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last: Response | undefined;
  while (Date.now() < deadline) {
    last = await app.http().get(path);
    if (last.status === 200) return;
    expect(last.status).toBe(503);
    await sleep(100);
  }
  throw new Error(`the app did not recover: last answer ${last?.status} ${JSON.stringify(last?.body)}`);
}
