import { PGlite } from '@electric-sql/pglite';
import { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { BODY_LIMIT, configureApp, fastifyAdapterOptions } from '../../src/app.setup';
import { expectContract } from '../support/test-app';
import { ADAPTERS, AdapterName, API, SampleApp, startSampleApp } from './support/app-harness';
import { recordAnswers } from './support/drift/answers';

jest.setTimeout(60_000);

describe.each(ADAPTERS)('unknown routes with the global prefix, on %s', (adapter) => {
  let app: SampleApp;
  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter);
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([`${API}/nope`, '/nope'])('answers GET %s with 404 1001 in the contract', async (path) => {
    const response = await app.http().get(path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
    expect(response.body).toEqual([
      {
        message: `No route matches GET ${path}.`,
        error_code: '1001',
        field: null,
        details: { method: 'GET', path },
      },
    ]);
    expectContract(response);
  });

  it('does not name its framework (no X-Powered-By), on success and on error', async () => {
    const ok = await app.http().get(`${API}/users`);
    expect(ok.status).toBe(200);
    const missing = await app.http().get(`${API}/nope`);
    expect(missing.status).toBe(404);
    for (const response of [ok, missing]) expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

/**
 * The app as main.ts creates it: Express with its defaults, Fastify with
 * fastifyAdapterOptions() (test/support/test-app.ts builds its own FastifyAdapter, so
 * this file does not go through it).
 */
async function startAsMain(adapter: AdapterName, instance: PGlite): Promise<INestApplication> {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  const database = {
    kind: 'pglite' as const,
    instance,
    schema: `main_${suffix}`,
    userTablesSchema: `main_${suffix}_t`,
  };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ database })] }).compile();
  const app =
    adapter === 'fastify'
      ? moduleRef.createNestApplication(new FastifyAdapter(fastifyAdapterOptions()), { rawBody: true, logger: false })
      : moduleRef.createNestApplication({ rawBody: true, logger: false });
  configureApp(app);
  recordAnswers(app, adapter);
  await app.init();
  if (adapter === 'fastify') {
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  }
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('body size limit, as main.ts configures the adapters', () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
  });
  afterAll(async () => {
    await pglite?.close();
  });

  it.each(ADAPTERS)('accepts %s bodies of up to 102400 bytes and answers 413 above', async (adapter) => {
    expect(BODY_LIMIT).toBe(102_400);
    const app = await startAsMain(adapter, pglite);
    try {
      const http = () => request(app.getHttpServer());
      const user = await http().post(`${API}/users`).send({ email: 'limit@example.com', username: 'limit' });
      const table = await http().post(`${API}/tables`).send({ name: 'limits', owner_id: user.body.id });
      expect(
        (await http().post(`${API}/tables/${table.body.id}/columns`).send({ name: 'v', type: 'TEXT' })).status,
      ).toBe(201);
      const bodyOf = (bytes: number) => {
        const frame = '{"values":{"v":""}}';
        return `{"values":{"v":"${'x'.repeat(bytes - frame.length)}"}}`;
      };
      const post = (body: string) =>
        http().post(`${API}/tables/${table.body.id}/records`).set('Content-Type', 'application/json').send(body);
      expect(Buffer.byteLength(bodyOf(BODY_LIMIT))).toBe(BODY_LIMIT);
      const largest = await post(bodyOf(BODY_LIMIT));
      expect(largest.status).toBe(201);
      const tooLarge = await post(bodyOf(BODY_LIMIT + 1));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body).toEqual([
        {
          message: 'The request body is larger than the server accepts.',
          error_code: '1003',
          field: null,
          details: { limit_bytes: BODY_LIMIT },
        },
      ]);
      expectContract(tooLarge);
    } finally {
      await app.close();
    }
  });
});
