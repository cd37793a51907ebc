import type { Response } from 'supertest';
import { expectContract } from '../support/test-app';
import { ADAPTERS, API, DATABASES, SampleApp, matrix, startSampleApp, uid } from './support/app-harness';

jest.setTimeout(120_000);

/**
 * Schema changes racing the statements that depend on them, as real parallel requests on
 * the real PostgreSQL server (PGlite runs one query at a time, so nothing races there).
 * Every request gets an answer in the contract and none is a 5xx: each race either waits
 * for the table's lock or, when what it needs vanished meanwhile, answers 404/400/409.
 */
const SERVER = DATABASES.filter((kind) => kind === 'postgres');
if (SERVER.length === 0) {
  process.stderr.write('schema-races: the PostgreSQL server is not reachable: the race tests are skipped.\n');
}
const ROUNDS = 3;

describe.each(matrix(SERVER, ADAPTERS))('schema changes racing requests on %s with %s', (kind, adapter) => {
  let app: SampleApp;
  let ownerId: number;

  beforeAll(async () => {
    app = await startSampleApp(kind, adapter);
    const owner = await app.http().post(`${API}/users`).send({ email: 'racer@example.com', username: 'racer' });
    expect(owner.status).toBe(201);
    ownerId = owner.body.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  async function createTable(): Promise<number> {
    const response = await app
      .http()
      .post(`${API}/tables`)
      .send({ name: `r${uid()}`, owner_id: ownerId });
    expect(response.status).toBe(201);
    return response.body.id as number;
  }
  async function addColumn(tableId: number, name: string, type = 'TEXT'): Promise<number> {
    const response = await app.http().post(`${API}/tables/${tableId}/columns`).send({ name, type });
    expect(response.status).toBe(201);
    return response.body.id as number;
  }
  /** Status and first error code of each answer; every error answer must be in the contract. */
  function outcomes(responses: readonly Response[]): string[] {
    return responses.map((response) => {
      if (response.status < 400) return String(response.status);
      const errors = expectContract(response);
      return `${response.status} ${String(errors[0].error_code)}`;
    });
  }
  function expectOnly(answers: readonly string[], allowed: readonly string[]): void {
    for (const answer of answers) expect(allowed).toContain(answer);
  }

  it('eight parallel renames of one column all succeed, one after the other', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tableId = await createTable();
      const columnId = await addColumn(tableId, 'name');
      const names = Array.from({ length: 8 }, (_, index) => `renamed_${index}`);
      const answers = outcomes(
        await Promise.all(names.map((name) => app.http().patch(`${API}/columns/${columnId}`).send({ name }))),
      );
      expect(answers).toEqual(names.map(() => '200'));
      // The metadata and the real column agree: the last rename is the one both hold.
      const table = await app.http().get(`${API}/tables/${tableId}`);
      const finalName = table.body.columns[0].name as string;
      expect(names).toContain(finalName);
      const inserted = await app
        .http()
        .post(`${API}/tables/${tableId}/records`)
        .send({ values: { [finalName]: 'x' } });
      expect(inserted.status).toBe(201);
    }
  });

  it('eight parallel renames of one column to the same name: one renames, the others find it done', async () => {
    const tableId = await createTable();
    const columnId = await addColumn(tableId, 'before');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => app.http().patch(`${API}/columns/${columnId}`).send({ name: 'after' })),
    );
    expect(outcomes(answers)).toEqual(answers.map(() => '200'));
    for (const answer of answers) expect(answer.body.name).toBe('after');
  });

  it('record reads racing the deletion of their table answer 200 or 404, never 500', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tableId = await createTable();
      await addColumn(tableId, 'note');
      const reads = Array.from({ length: 8 }, () => app.http().get(`${API}/tables/${tableId}/records`));
      const [deleted, ...answers] = await Promise.all([app.http().delete(`${API}/tables/${tableId}`), ...reads]);
      expect(deleted.status).toBe(204);
      expectOnly(outcomes(answers), ['200', '404 6101']);
      const after = await app.http().get(`${API}/tables/${tableId}/records`);
      expect(outcomes([after])).toEqual(['404 6101']);
    }
  });

  it('record inserts racing the deletion of a column they name answer 201 or 400 UNKNOWN_COLUMN', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tableId = await createTable();
      const columnId = await addColumn(tableId, 'doomed');
      const inserts = Array.from({ length: 8 }, () =>
        app
          .http()
          .post(`${API}/tables/${tableId}/records`)
          .send({ values: { doomed: 'x' } }),
      );
      const [deleted, ...answers] = await Promise.all([app.http().delete(`${API}/columns/${columnId}`), ...inserts]);
      expect(deleted.status).toBe(204);
      expectOnly(outcomes(answers), ['201', '400 6301']);
    }
  });

  it('record inserts racing renames and retypes of their column never answer 500', async () => {
    const tableId = await createTable();
    const columnId = await addColumn(tableId, 'amount', 'INTEGER');
    const requests: Array<Promise<Response>> = [];
    for (let index = 0; index < 12; index++) {
      requests.push(
        app
          .http()
          .post(`${API}/tables/${tableId}/records`)
          .send({ values: { amount: index } }),
      );
      if (index % 3 === 0) {
        const name = index % 2 === 0 ? 'amount' : 'total';
        requests.push(app.http().patch(`${API}/columns/${columnId}`).send({ name, type: 'NUMERIC' }));
      }
    }
    const answers = outcomes(await Promise.all(requests));
    expectOnly(answers, ['200', '201', '400 6301']);
  });

  it('column additions and constraints racing the deletion of the table answer 201 or 404', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tableId = await createTable();
      await addColumn(tableId, 'code');
      const requests = [
        ...Array.from({ length: 4 }, (_, index) =>
          app
            .http()
            .post(`${API}/tables/${tableId}/columns`)
            .send({ name: `extra_${index}`, type: 'TEXT' }),
        ),
        ...Array.from({ length: 3 }, () =>
          app
            .http()
            .post(`${API}/tables/${tableId}/constraints`)
            .send({ type: 'unique', columns: ['code'] }),
        ),
      ];
      const [deleted, ...answers] = await Promise.all([app.http().delete(`${API}/tables/${tableId}`), ...requests]);
      expect(deleted.status).toBe(204);
      expectOnly(outcomes(answers), ['201', '404 6101']);
    }
  });

  it('a constraint racing the deletion of one of its columns answers 201 or 400 UNKNOWN_COLUMN', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tableId = await createTable();
      await addColumn(tableId, 'keep');
      const columnId = await addColumn(tableId, 'drop_me');
      const [deleted, ...answers] = await Promise.all([
        app.http().delete(`${API}/columns/${columnId}`),
        ...Array.from({ length: 4 }, () =>
          app
            .http()
            .post(`${API}/tables/${tableId}/constraints`)
            .send({ type: 'unique', columns: ['keep', 'drop_me'] }),
        ),
      ]);
      expect(deleted.status).toBe(204);
      expectOnly(outcomes(answers), ['201', '400 6301']);
    }
  });

  it('column deletions racing renames of the same column answer 200, 204 or 404', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tableId = await createTable();
      const columnId = await addColumn(tableId, 'fleeting');
      const answers = outcomes(
        await Promise.all([
          ...Array.from({ length: 4 }, (_, index) =>
            app
              .http()
              .patch(`${API}/columns/${columnId}`)
              .send({ name: `moved_${index}` }),
          ),
          app.http().delete(`${API}/columns/${columnId}`),
          app.http().delete(`${API}/columns/${columnId}`),
        ]),
      );
      expectOnly(answers, ['200', '204', '404 6201']);
      expect(answers.filter((answer) => answer === '204')).toHaveLength(1);
    }
  });
});
