import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_THROTTLE_LIMIT, configFromEnv } from '../../src/config';
import { API, startSampleApp } from './support/app-harness';

jest.setTimeout(120_000);

describe('the sample app on a PGlite data directory', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sample-app-pglite-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds its users, tables, columns and records again after a restart', async () => {
    // The schemas npm start uses, in a folder of its own.
    const schemas = { app: 'public', userTables: 'user_tables' };
    const first = await startSampleApp('pglite', 'express', { dataDir, schemas });
    let tableId: number;
    try {
      const user = await first.http().post(`${API}/users`).send({ email: 'keep@example.com', username: 'keeper' });
      expect(user.body.id).toBe(1);
      const table = await first.http().post(`${API}/tables`).send({ name: 'pantry', owner_id: 1 });
      tableId = table.body.id;
      await first.http().post(`${API}/tables/${tableId}/columns`).send({ name: 'item', type: 'TEXT' });
      await first
        .http()
        .post(`${API}/tables/${tableId}/constraints`)
        .send({ type: 'unique', columns: ['item'] });
      expect(
        (
          await first
            .http()
            .post(`${API}/tables/${tableId}/records`)
            .send({ values: { item: 'rice' } })
        ).status,
      ).toBe(201);
    } finally {
      await first.close();
    }

    // Started again on the same folder (the migrations are not run twice), on the other adapter.
    const second = await startSampleApp('pglite', 'fastify', { dataDir, schemas });
    try {
      const user = await second.http().get(`${API}/users/1`);
      expect(user.status).toBe(200);
      expect(user.body).toMatchObject({ email: 'keep@example.com', username: 'keeper' });
      const records = await second.http().get(`${API}/tables/${tableId}/records`);
      expect(records.body).toEqual({ count: 1, results: [{ id: 1, values: { item: 'rice' } }] });
      // The real constraint and the registry still answer.
      const duplicate = await second
        .http()
        .post(`${API}/tables/${tableId}/records`)
        .send({ values: { item: 'rice' } });
      expect(duplicate.status).toBe(409);
      const taken = await second.http().post(`${API}/users`).send({ email: 'KEEP@example.com', username: 'other' });
      expect(taken.body).toEqual([
        {
          message: 'This email is already in use.',
          error_code: '6002',
          field: 'email',
          details: { columns: ['email'] },
        },
      ]);
    } finally {
      await second.close();
    }
  });
});

describe('configFromEnv', () => {
  it('uses PGlite in .data/pglite unless DATABASE_URL is set', () => {
    const throttleLimit = DEFAULT_THROTTLE_LIMIT;
    expect(configFromEnv({})).toEqual({
      database: { kind: 'pglite', dataDir: join(process.cwd(), '.data/pglite') },
      throttleLimit,
    });
    expect(configFromEnv({ PGLITE_DATA_DIR: '/tmp/x' })).toEqual({
      database: { kind: 'pglite', dataDir: '/tmp/x' },
      throttleLimit,
    });
    expect(configFromEnv({ DATABASE_URL: 'postgres://u@h/db' })).toEqual({
      database: { kind: 'postgres', url: 'postgres://u@h/db' },
      throttleLimit,
    });
  });

  it('reads THROTTLE_LIMIT, and refuses one that is not a whole number of at least 1', () => {
    expect(configFromEnv({ THROTTLE_LIMIT: '20' }).throttleLimit).toBe(20);
    for (const value of ['0', '-3', '2.5', 'many']) {
      expect(() => configFromEnv({ THROTTLE_LIMIT: value })).toThrow(
        `THROTTLE_LIMIT is "${value}"; set a whole number of requests per minute (at least 1).`,
      );
    }
  });
});
