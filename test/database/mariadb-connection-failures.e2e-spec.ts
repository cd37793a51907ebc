import 'reflect-metadata';
import { Controller, Get, Inject } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorsModule } from 'nest-error-contract';
import { ADAPTERS, TestApp, createTestApp, expectContract } from '../support/test-app';
import { LocalMariadb, canRunLocalMariadb, startLocalMariadb } from '../support/processes/local-mariadb';
import { sleep } from '../support/processes/system-user';

/**
 * Connection failures on MariaDB, on a server of the test's own (the shared one on 3306
 * serves other runs): the server stopped, a session killed with KILL while its statement
 * runs, and max_connections exhausted. Every answer is the contract's 503 with
 * Retry-After, never the driver's text.
 */
const RUNNABLE = canRunLocalMariadb('the MariaDB connection-failure tests (a MariaDB server of their own)');
const describeIfRunnable = RUNNABLE ? describe : describe.skip;

@Controller('items')
class ItemsController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}
  @Get() async count() {
    const [row] = await this.dataSource.query('SELECT COUNT(*) AS count FROM items');
    return { count: Number(row.count) };
  }
  @Get('slow') async slow() {
    await this.dataSource.query('SELECT SLEEP(3) AS slept FROM items LIMIT 1');
    return { slept: true };
  }
}

const LEAKS = [
  'Connection',
  'connection',
  'killed',
  'Too many',
  'ECONNREFUSED',
  'SLEEP',
  'items',
  'mysql',
  '127.0.0.1',
];

describeIfRunnable('MariaDB connection failures', () => {
  let server: LocalMariadb;

  beforeAll(async () => {
    server = await startLocalMariadb(['--max-connections=10']);
    await server.query([
      'CREATE DATABASE app',
      'CREATE TABLE app.items (id int PRIMARY KEY)',
      'INSERT INTO app.items VALUES (1)',
      // Neither user has SUPER: MariaDB keeps one connection beyond max_connections for those.
      "CREATE USER 'app'@'%'",
      "GRANT ALL ON app.* TO 'app'@'%'",
      "CREATE USER 'filler'@'%'",
    ]);
  }, 120_000);
  afterAll(() => server?.destroy());

  describe.each(ADAPTERS)('with %s', (adapter) => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp(adapter, {
        imports: [
          TypeOrmModule.forRoot({ type: 'mariadb', url: server.url('app', 'app'), poolSize: 3, connectTimeout: 2000 }),
          ErrorsModule.forRoot({}),
        ],
        controllers: [ItemsController],
      });
      await app.http().get('/items').expect(200);
    }, 60_000);
    afterAll(() => app?.close());

    async function expectUnavailable(response: { status: number; headers: Record<string, string>; body: unknown }) {
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(expectContract(response as never)).toEqual([
        {
          message: 'The database is temporarily unavailable. Try again later.',
          error_code: '3031',
          field: null,
          details: { request_id: response.headers['x-request-id'], retry_after_seconds: 1, retryable: true },
        },
      ]);
      const text = JSON.stringify(response.body);
      for (const leak of LEAKS) expect(text).not.toContain(leak);
    }

    it('a session killed with KILL while its statement runs: 503', async () => {
      const pending = app.http().get('/items/slow');
      const response = pending.then((result) => result);
      let killed = 0;
      for (let attempt = 0; attempt < 40 && killed === 0; attempt++) {
        await sleep(100);
        const [rows] = (await server.query([
          "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = 'app' AND INFO LIKE 'SELECT SLEEP%'",
        ])) as Array<Array<{ id: number }>>;
        for (const row of rows) {
          await server.query([`KILL CONNECTION ${row.id}`]);
          killed += 1;
        }
      }
      expect(killed).toBe(1);
      await expectUnavailable(await response);
      // The pool replaces the dead connection: the next request is served.
      await app.http().get('/items').expect(200);
    });

    it('max_connections exhausted: 503 while the server refuses new connections', async () => {
      // Cut the app's idle pooled connections, so that its next request needs a new one.
      await server
        .query(["SELECT CONCAT('KILL ', ID) FROM information_schema.PROCESSLIST WHERE USER = 'app'"])
        .then(async ([rows]) => {
          for (const row of rows as Array<Record<string, string>>)
            await server.query([Object.values(row)[0]]).catch(() => undefined);
        });
      await sleep(200);
      const mysql = await import('mysql2/promise');
      const fillers: Array<{ end(): Promise<void> }> = [];
      try {
        for (let index = 0; index < 12; index++) {
          try {
            fillers.push(await mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'filler' }));
          } catch (error) {
            expect((error as { errno?: number }).errno).toBe(1040);
            break;
          }
        }
        expect(fillers.length).toBeGreaterThan(0);
        await expectUnavailable(await app.http().get('/items'));
      } finally {
        for (const filler of fillers) await filler.end().catch(() => undefined);
      }
      await app.http().get('/items').expect(200);
    });

    it('the server stopped: 503, and served again once it is back', async () => {
      await server.stop();
      try {
        await expectUnavailable(await app.http().get('/items'));
        await expectUnavailable(await app.http().get('/items'));
      } finally {
        await server.start();
      }
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
        status = (await app.http().get('/items')).status;
        if (status !== 200) await sleep(250);
      }
      expect(status).toBe(200);
    }, 60_000);
  });
});
