import { Client } from 'pg';
import type { Response } from 'supertest';
import { TEST_DATABASE_URL } from '../support/databases';
import { expectContract } from '../support/test-app';
import { ADAPTERS, ALL_DATABASES, API, SampleApp, matrix, startSampleApp, uid } from './support/app-harness';

jest.setTimeout(60_000);

const AVAILABLE_TYPES = ['BOOLEAN', 'DATE', 'INTEGER', 'NUMERIC', 'TEXT', 'VARCHAR'];

/** The names every JavaScript object has, refused as column names. */
const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype).sort();

describe.each(matrix(ALL_DATABASES, ADAPTERS))(
  'tables, columns, constraints and records on %s with %s',
  (kind, adapter) => {
    let app: SampleApp;
    let ownerId: number;

    beforeAll(async () => {
      app = await startSampleApp(kind, adapter);
      const owner = await app.http().post(`${API}/users`).send({ email: 'owner@example.com', username: 'owner' });
      expect(owner.status).toBe(201);
      ownerId = owner.body.id;
    });
    afterAll(async () => {
      await app?.close();
    });

    function errorsOf(response: Response, status: number) {
      expect(response.status).toBe(status);
      return expectContract(response);
    }
    async function createTable(name = `t${uid()}`) {
      const response = await app.http().post(`${API}/tables`).send({ name, owner_id: ownerId });
      expect(response.status).toBe(201);
      return response.body as { id: number; name: string };
    }
    async function addColumn(tableId: number, body: object) {
      const response = await app.http().post(`${API}/tables/${tableId}/columns`).send(body);
      expect(response.status).toBe(201);
      return response.body as { id: number; name: string };
    }
    const insert = (tableId: number, values: unknown) =>
      app.http().post(`${API}/tables/${tableId}/records`).send({ values });
    /** Sends JSON text as it is: a JS object literal cannot carry an own `__proto__` key. */
    const sendJson = (method: 'post' | 'patch', path: string, json: string) =>
      app.http()[method](`${API}${path}`).set('Content-Type', 'application/json').send(json);

    describe('tables', () => {
      it('creates, shows (with columns) and deletes a table', async () => {
        const name = `Menu_${uid()}`;
        const created = await app.http().post(`${API}/tables`).send({ name, owner_id: ownerId });
        expect(created.status).toBe(201);
        expect(created.body).toEqual({
          id: expect.any(Number),
          name,
          owner_id: ownerId,
          created_at: expect.any(String),
          columns: [],
        });
        const column = await addColumn(created.body.id, {
          name: 'price',
          type: 'NUMERIC',
          type_options: { scale: 2, precision: 6 },
        });
        const shown = await app.http().get(`${API}/tables/${created.body.id}`);
        expect(shown.status).toBe(200);
        expect(shown.body).toEqual({
          ...created.body,
          columns: [
            {
              id: column.id,
              table_id: created.body.id,
              name: 'price',
              type: 'NUMERIC',
              type_options: { precision: 6, scale: 2 },
            },
          ],
        });
        expect((await app.http().delete(`${API}/tables/${created.body.id}`)).status).toBe(204);
        expect(errorsOf(await app.http().get(`${API}/tables/${created.body.id}`), 404)).toEqual([
          {
            message: `No table has the id ${created.body.id}.`,
            error_code: '6101',
            field: null,
            details: { id: created.body.id },
          },
        ]);
        expect(errorsOf(await app.http().delete(`${API}/tables/${created.body.id}`), 404)[0].error_code).toBe('6101');
        expect(errorsOf(await app.http().get(`${API}/tables/${created.body.id}/records`), 404)[0].error_code).toBe(
          '6101',
        );
      });

      it('answers 409 on name for a taken name (tables_name_key)', async () => {
        const table = await createTable();
        expect(
          errorsOf(await app.http().post(`${API}/tables`).send({ name: table.name, owner_id: ownerId }), 409),
        ).toEqual([
          {
            message: 'There is already a table with the same name.',
            error_code: '6102',
            field: 'name',
            details: { columns: ['name'] },
          },
        ]);
      });

      it('answers 400 on owner_id for an owner that does not exist (tables_owner_id_fkey, translated)', async () => {
        expect(
          errorsOf(
            await app
              .http()
              .post(`${API}/tables`)
              .send({ name: `t${uid()}`, owner_id: 2_000_000_000 }),
            400,
          ),
        ).toEqual([
          {
            message: 'The owner id refers to a record that does not exist.',
            error_code: '3003',
            field: 'owner_id',
            details: { columns: ['owner_id'], resource: 'user' },
          },
        ]);
      });

      it.each([
        [{ name: 'has space', owner_id: 1 }, 'name', '2053'],
        [{ name: 'x'.repeat(64), owner_id: 1 }, 'name', '2052'],
        [{ name: '', owner_id: 1 }, 'name', '2052'],
        [{ name: 'quote"d', owner_id: 1 }, 'name', '2053'],
        [{ owner_id: 1 }, 'name', '2010'],
        [{ name: 'ok' }, 'owner_id', '2010'],
        [{ name: 'ok', owner_id: 'one' }, 'owner_id', '2023'],
        [{ name: 'ok', owner_id: 99999999999 }, 'owner_id', '2044'],
      ])('validates %j', async (body, field, code) => {
        const errors = errorsOf(await app.http().post(`${API}/tables`).send(body), 400);
        expect(errors.map((error) => [error.field, error.error_code])).toContainEqual([field, code]);
      });

      it('answers 400 naming the id for malformed table ids', async () => {
        expect(errorsOf(await app.http().get(`${API}/tables/abc`), 400)[0]).toMatchObject({
          field: 'id',
          error_code: '2023',
        });
        expect(errorsOf(await app.http().delete(`${API}/tables/4294967296`), 400)[0]).toMatchObject({
          field: 'id',
          error_code: '2044',
        });
        expect(
          errorsOf(await app.http().post(`${API}/tables/x/columns`).send({ name: 'a', type: 'TEXT' }), 400)[0],
        ).toMatchObject({
          field: 'tableId',
        });
      });
    });

    describe('columns', () => {
      it('adds a real column of each type', async () => {
        const table = await createTable();
        const bodies = [
          { name: 'flag', type: 'BOOLEAN' },
          { name: 'day', type: 'DATE' },
          { name: 'qty', type: 'INTEGER' },
          { name: 'amount', type: 'NUMERIC', type_options: { precision: 8, scale: 3 } },
          { name: 'whole', type: 'NUMERIC', type_options: { precision: 4 } },
          { name: 'anynum', type: 'numeric' },
          { name: 'note', type: 'TEXT', type_options: {} },
          { name: 'code', type: 'VARCHAR', type_options: { length: 4 } },
          { name: 'free', type: 'VARCHAR' },
        ];
        for (const body of bodies) {
          const response = await app.http().post(`${API}/tables/${table.id}/columns`).send(body);
          expect(response.status).toBe(201);
          expect(response.body).toMatchObject({ table_id: table.id, name: body.name, type: body.type.toUpperCase() });
        }
        const record = await insert(table.id, {
          flag: true,
          day: '2024-02-29',
          qty: 3,
          amount: '1.5',
          whole: 12,
          anynum: 0.25,
          note: 'hello',
          code: 'AB',
          free: 'x'.repeat(500),
        });
        expect(record.status).toBe(201);
        expect(record.body).toEqual({
          id: 1,
          values: {
            flag: true,
            day: '2024-02-29',
            qty: 3,
            amount: '1.500',
            whole: '12',
            anynum: '0.25',
            note: 'hello',
            code: 'AB',
            free: 'x'.repeat(500),
          },
        });
      });

      it('answers 409 on name for a name already in the table, the id column and system columns included', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'Topping', type: 'TEXT' });
        for (const name of ['Topping', 'id', 'ctid', 'xmin']) {
          expect(
            errorsOf(await app.http().post(`${API}/tables/${table.id}/columns`).send({ name, type: 'TEXT' }), 409),
          ).toEqual([
            {
              message: 'There is already a column with the same name.',
              error_code: '6202',
              field: 'name',
              details: null,
            },
          ]);
        }
        // The same name in another table is fine.
        await addColumn((await createTable()).id, { name: 'Topping', type: 'TEXT' });
      });

      it('answers 400 on type for an unknown type, with the available types', async () => {
        const table = await createTable();
        expect(
          errorsOf(await app.http().post(`${API}/tables/${table.id}/columns`).send({ name: 'a', type: 'FOOD' }), 400),
        ).toEqual([
          {
            message: 'FOOD is not a valid type.',
            error_code: '6203',
            field: 'type',
            details: { available_types: AVAILABLE_TYPES },
          },
        ]);
      });

      it('answers an empty type with a sentence that still has a subject', async () => {
        const table = await createTable();
        const response = await app.http().post(`${API}/tables/${table.id}/columns`).send({ name: 'a', type: '  ' });
        expect(errorsOf(response, 400)).toEqual([
          {
            message: 'An empty string is not a valid type.',
            error_code: '6203',
            field: 'type',
            details: { available_types: AVAILABLE_TYPES },
          },
        ]);
      });

      it('answers 400 on type_options for options of a type that takes none', async () => {
        const table = await createTable();
        const response = await app
          .http()
          .post(`${API}/tables/${table.id}/columns`)
          .send({ name: 'a', type: 'BOOLEAN', type_options: { length: 3 } });
        expect(errorsOf(response, 400)).toEqual([
          {
            message: 'The type BOOLEAN takes no options.',
            error_code: '6204',
            field: 'type_options',
            details: { type: 'BOOLEAN' },
          },
        ]);
      });

      it('answers 400 on type_options.<option> for bad option values', async () => {
        const table = await createTable();
        const post = (type: string, type_options: unknown) =>
          app
            .http()
            .post(`${API}/tables/${table.id}/columns`)
            .send({ name: `c${uid()}`, type, type_options });
        expect(errorsOf(await post('NUMERIC', { precision: 'ten' }), 400)).toEqual([
          {
            message: 'Precision must be an integer from 1 to 1000.',
            error_code: '6206',
            field: 'type_options.precision',
            details: { option: 'precision', min: 1, max: 1000 },
          },
        ]);
        expect(errorsOf(await post('NUMERIC', { precision: 4, scale: 5 }), 400)).toEqual([
          {
            message: 'Scale must be an integer from 0 to 4.',
            error_code: '6206',
            field: 'type_options.scale',
            details: { option: 'scale', min: 0, max: 4 },
          },
        ]);
        expect(errorsOf(await post('NUMERIC', { scale: 1 }), 400)[0]).toMatchObject({
          field: 'type_options.scale',
          error_code: '6206',
        });
        expect(errorsOf(await post('VARCHAR', { length: 0 }), 400)[0]).toMatchObject({
          field: 'type_options.length',
          error_code: '6206',
        });
        expect(errorsOf(await post('VARCHAR', { length: 2.5 }), 400)[0]).toMatchObject({
          field: 'type_options.length',
        });
        expect(errorsOf(await post('VARCHAR', { size: 3 }), 400)).toEqual([
          {
            message: 'The type VARCHAR has no option size.',
            error_code: '6205',
            field: 'type_options.size',
            details: { type: 'VARCHAR', option: 'size', available_options: ['length'] },
          },
        ]);
        expect(errorsOf(await post('TEXT', [1]), 400)[0]).toMatchObject({ field: 'type_options', error_code: '2026' });
      });

      it('answers a taken name and an unknown type together as one 400 with both codes', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'Topping', type: 'TEXT' });
        const response = await app
          .http()
          .post(`${API}/tables/${table.id}/columns`)
          .send({ name: 'Topping', type: 'FOOD' });
        expect(errorsOf(response, 400).map((error) => [error.error_code, error.field])).toEqual([
          ['6202', 'name'],
          ['6203', 'type'],
        ]);
      });

      it('answers 404 for a missing table and validates the body', async () => {
        expect(
          errorsOf(await app.http().post(`${API}/tables/2000000000/columns`).send({ name: 'a', type: 'TEXT' }), 404)[0],
        ).toMatchObject({
          error_code: '6101',
        });
        const table = await createTable();
        const errors = errorsOf(
          await app.http().post(`${API}/tables/${table.id}/columns`).send({ name: 'bad name', extra: 1 }),
          400,
        );
        expect(errors.map((error) => error.field)).toEqual(expect.arrayContaining(['name', 'type', 'extra']));
      });
    });

    describe('keys that name Object.prototype members', () => {
      it('refuses every Object.prototype member as a column name, on POST and PATCH', async () => {
        const table = await createTable();
        const column = await addColumn(table.id, { name: 'plain', type: 'TEXT' });
        for (const name of OBJECT_MEMBERS) {
          const expected = [
            {
              message: `Name cannot be ${name}: every JavaScript object already has a member of that name.`,
              error_code: '2016',
              field: 'name',
              details: { forbidden: OBJECT_MEMBERS },
            },
          ];
          const json = JSON.stringify({ name, type: 'TEXT' });
          expect(errorsOf(await sendJson('post', `/tables/${table.id}/columns`, json), 400)).toEqual(expected);
          expect(errorsOf(await sendJson('patch', `/columns/${column.id}`, JSON.stringify({ name })), 400)).toEqual(
            expected,
          );
        }
        // Nothing was created or renamed.
        expect((await app.http().get(`${API}/tables/${table.id}`)).body.columns).toEqual([
          { id: column.id, table_id: table.id, name: 'plain', type: 'TEXT', type_options: null },
        ]);
        // Other names JavaScript knows are ordinary column names.
        await addColumn(table.id, { name: 'prototype', type: 'TEXT' });
        await addColumn(table.id, { name: 'Constructor', type: 'TEXT' });
      });

      it('answers 400 on values.<key> for keys naming Object.prototype members instead of dropping them', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'Desc', type: 'TEXT' });
        const path = `/tables/${table.id}/records`;
        const unknown = (name: string) => ({
          message: `There is no column ${name} in this table.`,
          error_code: '6301',
          field: `values.${name}`,
          details: { column: name },
        });
        // The finding's request. Express parses `__proto__` as an ordinary key; Fastify's
        // JSON parser refuses any body with one (its prototype-poisoning guard).
        const response = await sendJson('post', path, '{"values":{"constructor":7,"__proto__":"hello"}}');
        expect(errorsOf(response, 400)).toEqual(
          adapter === 'express'
            ? [unknown('constructor'), unknown('__proto__')]
            : [{ message: 'The request body is not valid JSON.', error_code: '1002', field: null, details: null }],
        );
        const members = OBJECT_MEMBERS.filter((name) => name !== '__proto__');
        const values = Object.fromEntries([...members.map((name, index) => [name, index]), ['Desc', 'kept']]);
        expect(errorsOf(await sendJson('post', path, JSON.stringify({ values })), 400)).toEqual(members.map(unknown));
        // Nothing was stored.
        expect((await app.http().get(`${API}${path}`)).body).toEqual({ count: 0, results: [] });
      });

      it('stores a column named prototype (a key Nest strips from bodies) and answers every column', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'prototype', type: 'TEXT' });
        await addColumn(table.id, { name: 'Desc', type: 'TEXT' });
        const created = await sendJson(
          'post',
          `/tables/${table.id}/records`,
          '{"values":{"prototype":"p","Desc":"pair \\ud83c\\udf55 ok"}}',
        );
        expect(created.status).toBe(201);
        expect(created.body).toEqual({ id: 1, values: { prototype: 'p', Desc: 'pair \u{1F355} ok' } });
        expect((await app.http().get(`${API}/tables/${table.id}/records`)).body).toEqual({
          count: 1,
          results: [created.body],
        });
      });

      it('answers 400 on type_options.<option> for options naming Object.prototype members', async () => {
        const table = await createTable();
        const post = (json: string) => sendJson('post', `/tables/${table.id}/columns`, json);
        expect(errorsOf(await post('{"name":"n","type":"NUMERIC","type_options":{"toString":"x"}}'), 400)).toEqual([
          {
            message: 'The type NUMERIC has no option toString.',
            error_code: '6205',
            field: 'type_options.toString',
            details: { type: 'NUMERIC', option: 'toString', available_options: ['precision', 'scale'] },
          },
        ]);
        expect(
          errorsOf(await post('{"name":"n","type":"VARCHAR","type_options":{"length":3,"constructor":1}}'), 400),
        ).toEqual([
          {
            message: 'The type VARCHAR has no option constructor.',
            error_code: '6205',
            field: 'type_options.constructor',
            details: { type: 'VARCHAR', option: 'constructor', available_options: ['length'] },
          },
        ]);
        expect(errorsOf(await post('{"name":"n","type":"TEXT","type_options":{"valueOf":1}}'), 400)).toEqual([
          {
            message: 'The type TEXT takes no options.',
            error_code: '6204',
            field: 'type_options',
            details: { type: 'TEXT' },
          },
        ]);
        // Spelled with an escape, `constructor` is still the key JSON.parse makes, and still refused.
        expect(
          errorsOf(await post('{"name":"n","type":"VARCHAR","type_options":{"\\u0063onstructor":1}}'), 400),
        ).toEqual([
          {
            message: 'The type VARCHAR has no option constructor.',
            error_code: '6205',
            field: 'type_options.constructor',
            details: { type: 'VARCHAR', option: 'constructor', available_options: ['length'] },
          },
        ]);
        const column = await addColumn(table.id, { name: 'n', type: 'NUMERIC', type_options: { precision: 5 } });
        expect(
          errorsOf(await sendJson('patch', `/columns/${column.id}`, '{"type_options":{"hasOwnProperty":2}}'), 400),
        ).toEqual([
          {
            message: 'The type NUMERIC has no option hasOwnProperty.',
            error_code: '6205',
            field: 'type_options.hasOwnProperty',
            details: { type: 'NUMERIC', option: 'hasOwnProperty', available_options: ['precision', 'scale'] },
          },
        ]);
        expect((await app.http().get(`${API}/tables/${table.id}`)).body.columns).toEqual([
          { id: column.id, table_id: table.id, name: 'n', type: 'NUMERIC', type_options: { precision: 5 } },
        ]);
      });
    });

    describe('lone surrogates', () => {
      it('answers 400 with 2141 on values.<column> for a string with a lone surrogate, and stores nothing', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'Desc', type: 'TEXT' });
        await addColumn(table.id, { name: 'Other', type: 'TEXT' });
        const path = `/tables/${table.id}/records`;
        const lone = (field: string) => ({
          message: `${field[0].toUpperCase()}${field.slice(1)} contains a lone UTF-16 surrogate, which is not Unicode text.`,
          error_code: '2141',
          field,
          details: null,
        });
        expect(errorsOf(await sendJson('post', path, '{"values":{"Desc":"\\ud800"}}'), 400)).toEqual([
          lone('values.Desc'),
        ]);
        // The first one found is answered (the validation pipe refuses it before any rule runs):
        // a low surrogate first, a high one last, one inside otherwise valid text.
        expect(
          errorsOf(await sendJson('post', path, '{"values":{"Desc":"\\udc00\\ud83c","Other":"a\\udfffb"}}'), 400),
        ).toEqual([lone('values.Desc')]);
        expect(errorsOf(await sendJson('post', path, '{"values":{"Desc":"ok","Other":"a\\udfffb"}}'), 400)).toEqual([
          lone('values.Other'),
        ]);
        // In a key: the key is the field.
        expect(errorsOf(await sendJson('post', path, '{"values":{"D\\ud800":"x"}}'), 400)).toEqual([
          lone('values.D\ud800'),
        ]);
        expect((await app.http().get(`${API}${path}`)).body).toEqual({ count: 0, results: [] });
      });
    });

    describe('PATCH /columns/:id', () => {
      it('reaches the route with a trailing slash, as on Express', async () => {
        const table = await createTable();
        const column = await addColumn(table.id, { name: 'amount', type: 'TEXT' });
        const response = await app.http().patch(`${API}/columns/${column.id}/`).send({ name: 'total' });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ id: column.id, name: 'total' });
      });

      it('renames and retypes the real column, keeping the data', async () => {
        const table = await createTable();
        const column = await addColumn(table.id, { name: 'amount', type: 'TEXT' });
        expect((await insert(table.id, { amount: '12' })).status).toBe(201);
        const response = await app
          .http()
          .patch(`${API}/columns/${column.id}`)
          .send({ name: 'quantity', type: 'INTEGER' });
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          id: column.id,
          table_id: table.id,
          name: 'quantity',
          type: 'INTEGER',
          type_options: null,
        });
        const records = await app.http().get(`${API}/tables/${table.id}/records`);
        expect(records.body).toEqual({ count: 1, results: [{ id: 1, values: { quantity: 12 } }] });
        const options = await app
          .http()
          .patch(`${API}/columns/${column.id}`)
          .send({ type: 'NUMERIC', type_options: { precision: 5, scale: 1 } });
        expect(options.body).toMatchObject({ type: 'NUMERIC', type_options: { precision: 5, scale: 1 } });
        const records2 = await app.http().get(`${API}/tables/${table.id}/records`);
        expect(records2.body.results[0].values).toEqual({ quantity: '12.0' });
        const unchanged = await app.http().patch(`${API}/columns/${column.id}`).send({ name: 'quantity' });
        expect(unchanged.status).toBe(200);
        expect(unchanged.body).toEqual(options.body);
      });

      it('answers a taken name plus the type FOOD, as one 400 with two objects', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'Topping', type: 'TEXT' });
        const column = await addColumn(table.id, { name: 'Other', type: 'TEXT' });
        const response = await app.http().patch(`${API}/columns/${column.id}`).send({ name: 'Topping', type: 'FOOD' });
        expect(errorsOf(response, 400)).toEqual([
          {
            message: 'There is already a column with the same name.',
            error_code: '6202',
            field: 'name',
            details: null,
          },
          {
            message: 'FOOD is not a valid type.',
            error_code: '6203',
            field: 'type',
            details: { available_types: AVAILABLE_TYPES },
          },
        ]);
        expect(
          errorsOf(await app.http().patch(`${API}/columns/${column.id}`).send({ name: 'Topping' }), 409),
        ).toHaveLength(1);
        // The column is unchanged.
        const shown = await app.http().get(`${API}/tables/${table.id}`);
        expect(shown.body.columns[1]).toMatchObject({ name: 'Other', type: 'TEXT' });
      });

      it('answers 400 on type with its own code when existing data cannot be converted', async () => {
        const table = await createTable();
        const column = await addColumn(table.id, { name: 'v', type: 'TEXT' });
        expect((await insert(table.id, { v: 'twelve' })).status).toBe(201);
        expect(errorsOf(await app.http().patch(`${API}/columns/${column.id}`).send({ type: 'INTEGER' }), 400)).toEqual([
          {
            message: 'Existing data in the column cannot be converted to INTEGER.',
            error_code: '6207',
            field: 'type',
            details: { type: 'INTEGER', reason: 'invalid_value' },
          },
        ]);
        expect(
          errorsOf(
            await app
              .http()
              .patch(`${API}/columns/${column.id}`)
              .send({ type: 'VARCHAR', type_options: { length: 3 } }),
            400,
          )[0],
        ).toMatchObject({
          error_code: '6207',
          details: { type: 'VARCHAR', reason: 'too_long' },
        });
        expect(
          errorsOf(await app.http().patch(`${API}/columns/${column.id}`).send({ type: 'DATE' }), 400)[0],
        ).toMatchObject({
          error_code: '6207',
          field: 'type',
        });
        // Nothing changed: not the metadata, not the data.
        const records = await app.http().get(`${API}/tables/${table.id}/records`);
        expect(records.body.results[0].values).toEqual({ v: 'twelve' });
        expect((await app.http().get(`${API}/tables/${table.id}`)).body.columns[0]).toMatchObject({
          name: 'v',
          type: 'TEXT',
        });
      });

      // Postgres only: it takes a second session holding a row lock, which PGlite (one
      // session, serialised) cannot have.
      (kind === 'postgres' ? it : it.skip)(
        'answers 409 COLUMN_NAME_TAKEN on name when a concurrent rename wins the race on columns_table_id_name_key',
        async () => {
          const table = await createTable();
          const winner = await addColumn(table.id, { name: 'a', type: 'TEXT' });
          const loser = await addColumn(table.id, { name: 'b', type: 'TEXT' });
          const rival = new Client({ connectionString: TEST_DATABASE_URL });
          await rival.connect();
          try {
            // The concurrent rename: done, not yet committed, so the PATCH's own check
            // does not see it and its UPDATE waits on the unique index.
            await rival.query('BEGIN');
            await rival.query(`UPDATE "${app.schemas.app}"."columns" SET name = 'c' WHERE id = $1`, [winner.id]);
            const [{ pid }] = (await rival.query('SELECT pg_backend_pid() AS pid')).rows as Array<{ pid: number }>;
            const pending = app
              .http()
              .patch(`${API}/columns/${loser.id}`)
              .send({ name: 'c' })
              .then((response) => response);
            for (let waited = 0; ; waited += 20) {
              const blocked = await rival.query(
                'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
                [pid],
              );
              if ((blocked.rows[0] as { n: number }).n > 0) break;
              if (waited > 10_000) throw new Error('The PATCH never waited on the rival transaction.');
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            await rival.query('COMMIT');
            expect(errorsOf(await pending, 409)).toEqual([
              {
                message: 'There is already a column with the same name.',
                error_code: '6202',
                field: 'name',
                details: { columns: ['table_id', 'name'] },
              },
            ]);
          } finally {
            await rival.end();
          }
          const columns = (await app.http().get(`${API}/tables/${table.id}`)).body.columns as Array<{ name: string }>;
          expect(columns.map((column) => column.name)).toEqual(['c', 'b']);
        },
      );

      it('answers 409 when converted values collide in a unique constraint', async () => {
        const table = await createTable();
        const column = await addColumn(table.id, { name: 'v', type: 'TEXT' });
        expect(
          (
            await app
              .http()
              .post(`${API}/tables/${table.id}/constraints`)
              .send({ type: 'unique', columns: ['v'] })
          ).status,
        ).toBe(201);
        expect((await insert(table.id, { v: 'yes' })).status).toBe(201);
        expect((await insert(table.id, { v: 'true' })).status).toBe(201);
        expect(
          errorsOf(await app.http().patch(`${API}/columns/${column.id}`).send({ type: 'BOOLEAN' }), 400)[0],
        ).toMatchObject({
          error_code: '6207',
          field: 'type',
          // MariaDB converts no boolean words ('yes', 'true') in ALTER TABLE: the first one fails as a value.
          details: { type: 'BOOLEAN', reason: kind === 'mariadb' ? 'invalid_value' : 'not_unique' },
        });
      });

      it('answers 404 for a missing column, 400 for a malformed id, and checks options against the current type', async () => {
        expect(errorsOf(await app.http().patch(`${API}/columns/2000000000`).send({ name: 'x' }), 404)).toEqual([
          { message: 'No column has the id 2000000000.', error_code: '6201', field: null, details: { id: 2000000000 } },
        ]);
        expect(errorsOf(await app.http().patch(`${API}/columns/abc`).send({}), 400)[0]).toMatchObject({ field: 'id' });
        const table = await createTable();
        const column = await addColumn(table.id, { name: 'v', type: 'INTEGER' });
        expect(
          errorsOf(
            await app
              .http()
              .patch(`${API}/columns/${column.id}`)
              .send({ type_options: { length: 2 } }),
            400,
          )[0],
        ).toMatchObject({
          field: 'type_options',
          error_code: '6204',
        });
        const text = await addColumn(table.id, { name: 'w', type: 'VARCHAR', type_options: { length: 10 } });
        expect(
          errorsOf(
            await app
              .http()
              .patch(`${API}/columns/${text.id}`)
              .send({ type_options: { length: 0 } }),
            400,
          ),
        ).toEqual([expect.objectContaining({ field: 'type_options.length', error_code: '6206' })]);
      });
    });

    describe('DELETE /columns/:id', () => {
      it('drops the real column', async () => {
        const table = await createTable();
        const keep = await addColumn(table.id, { name: 'keep', type: 'TEXT' });
        const drop = await addColumn(table.id, { name: 'drop', type: 'TEXT' });
        expect((await insert(table.id, { keep: 'a', drop: 'b' })).status).toBe(201);
        expect((await app.http().delete(`${API}/columns/${drop.id}`)).status).toBe(204);
        expect((await app.http().get(`${API}/tables/${table.id}/records`)).body.results).toEqual([
          { id: 1, values: { keep: 'a' } },
        ]);
        expect(errorsOf(await insert(table.id, { drop: 'b' }), 400)[0]).toMatchObject({
          field: 'values.drop',
          error_code: '6301',
        });
        expect(errorsOf(await app.http().delete(`${API}/columns/${drop.id}`), 404)[0]).toMatchObject({
          error_code: '6201',
        });
        // The name is free again.
        await addColumn(table.id, { name: 'drop', type: 'INTEGER' });
        expect(keep.id).toBeLessThan(drop.id);
      });
    });

    describe('POST /tables/:tableId/constraints', () => {
      it('adds a real unique constraint, then enforces it', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'sku', type: 'TEXT' });
        const response = await app
          .http()
          .post(`${API}/tables/${table.id}/constraints`)
          .send({ type: 'unique', columns: ['sku'] });
        expect(response.status).toBe(201);
        expect(response.body).toEqual({ name: `t_${table.id}_uq_1`, type: 'unique', columns: ['sku'] });
        expect((await insert(table.id, { sku: 'A1' })).status).toBe(201);
        expect(errorsOf(await insert(table.id, { sku: 'A1' }), 409)).toEqual([
          {
            message: 'This value for sku is already in use.',
            error_code: '3001',
            field: 'values.sku',
            details: { columns: ['sku'] },
          },
        ]);
        const second = await app
          .http()
          .post(`${API}/tables/${table.id}/constraints`)
          .send({ type: 'unique', columns: ['sku'] });
        expect(second.body.name).toBe(`t_${table.id}_uq_2`);
      });

      it('answers 400 naming an unknown column', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'a', type: 'TEXT' });
        const response = await app
          .http()
          .post(`${API}/tables/${table.id}/constraints`)
          .send({ type: 'unique', columns: ['a', 'nope', 'id'] });
        expect(errorsOf(response, 400)).toEqual([
          {
            message: 'There is no column nope in this table.',
            error_code: '6301',
            field: 'columns.1',
            details: { column: 'nope' },
          },
          {
            message: 'There is no column id in this table.',
            error_code: '6301',
            field: 'columns.2',
            details: { column: 'id' },
          },
        ]);
      });

      it('answers 409 with details.columns when existing records have duplicates', async () => {
        const table = await createTable();
        await addColumn(table.id, { name: 'a', type: 'TEXT' });
        await addColumn(table.id, { name: 'b', type: 'INTEGER' });
        expect((await insert(table.id, { a: 'x', b: 1 })).status).toBe(201);
        expect((await insert(table.id, { a: 'x', b: 1 })).status).toBe(201);
        const response = await app
          .http()
          .post(`${API}/tables/${table.id}/constraints`)
          .send({ type: 'unique', columns: ['a', 'b'] });
        expect(errorsOf(response, 409)).toEqual([
          {
            message: 'Existing records have duplicate values in these columns, so they cannot be made unique.',
            error_code: '6302',
            field: 'columns',
            details: { columns: ['a', 'b'] },
          },
        ]);
      });

      it('validates the body and answers 404 for a missing table', async () => {
        const table = await createTable();
        const post = (body: object) => app.http().post(`${API}/tables/${table.id}/constraints`).send(body);
        expect(errorsOf(await post({ type: 'check', columns: ['a'] }), 400)[0]).toMatchObject({
          field: 'type',
          error_code: '2015',
        });
        expect(errorsOf(await post({ type: 'unique', columns: [] }), 400)[0]).toMatchObject({ field: 'columns' });
        expect(errorsOf(await post({ type: 'unique', columns: ['a', 'a'] }), 400)[0]).toMatchObject({
          field: 'columns',
        });
        expect(errorsOf(await post({ type: 'unique', columns: 'a' }), 400)[0]).toMatchObject({ field: 'columns' });
        const missing = await app
          .http()
          .post(`${API}/tables/2000000000/constraints`)
          .send({ type: 'unique', columns: ['a'] });
        expect(errorsOf(missing, 404)[0]).toMatchObject({ error_code: '6101' });
      });
    });

    describe('records', () => {
      let tableId: number;
      beforeAll(async () => {
        tableId = (await createTable()).id;
        await addColumn(tableId, { name: 'name', type: 'VARCHAR', type_options: { length: 5 } });
        await addColumn(tableId, { name: 'qty', type: 'INTEGER' });
        await addColumn(tableId, { name: 'price', type: 'NUMERIC', type_options: { precision: 4, scale: 2 } });
        await addColumn(tableId, { name: 'day', type: 'DATE' });
        await addColumn(tableId, { name: 'ok', type: 'BOOLEAN' });
        await addColumn(tableId, { name: 'sku', type: 'TEXT' });
        await addColumn(tableId, { name: 'shelf', type: 'INTEGER' });
        const add = (columns: string[]) =>
          app.http().post(`${API}/tables/${tableId}/constraints`).send({ type: 'unique', columns });
        expect((await add(['sku'])).status).toBe(201);
        expect((await add(['name', 'shelf'])).status).toBe(201);
      });

      it('inserts and lists records', async () => {
        const first = await insert(tableId, {
          name: 'jam',
          qty: 2,
          price: 1.5,
          day: '2024-01-31',
          ok: false,
          sku: 'J1',
          shelf: 1,
        });
        expect(first.status).toBe(201);
        expect(first.body).toEqual({
          id: expect.any(Number),
          values: { name: 'jam', qty: 2, price: '1.50', day: '2024-01-31', ok: false, sku: 'J1', shelf: 1 },
        });
        const empty = await insert(tableId, {});
        expect(empty.status).toBe(201);
        expect(Object.values(empty.body.values).every((value) => value === null)).toBe(true);
        const list = await app.http().get(`${API}/tables/${tableId}/records?limit=1`);
        expect(list.status).toBe(200);
        expect(list.body.count).toBeGreaterThanOrEqual(2);
        expect(list.body.results).toEqual([first.body]);
        expect(errorsOf(await app.http().get(`${API}/tables/${tableId}/records?limit=500`), 400)[0]).toMatchObject({
          field: 'limit',
        });
      });

      it.each([
        [{ qty: 'many' }, 'values.qty', '3012', 'The value for qty is not a valid integer.', { type: 'integer' }],
        [{ qty: 1.5 }, 'values.qty', '3012', 'The value for qty is not a valid integer.', { type: 'integer' }],
        [{ ok: 'maybe' }, 'values.ok', '3012', 'The value for ok is not a valid boolean.', { type: 'boolean' }],
        [{ qty: 1, ok: 7 }, 'values.ok', '3012', 'The value for ok is not a valid boolean.', { type: 'boolean' }],
        [
          { qty: 99999999999 },
          'values.qty',
          '3011',
          'A number is out of the range the qty column can hold.',
          { type: 'integer' },
        ],
        [{ price: 100 }, 'values.price', '3011', 'A number is out of the range the price column can hold.', null],
        [{ day: '2024-02-30' }, 'values.day', '3013', 'The value for day is not a valid date or time.', null],
        [{ day: 'someday' }, 'values.day', '3013', 'The value for day is not a valid date or time.', null],
        [{ name: 'toolong', qty: 1 }, 'values.name', '3010', 'The value for name is too long.', { max_length: 5 }],
      ])('answers a value the column rejects, %j, on its field', async (values, field, code, message, details) => {
        expect(errorsOf(await insert(tableId, values), 400)).toEqual([{ message, error_code: code, field, details }]);
      });

      it('answers every bad value at once, each on values.<column>, in English and German', async () => {
        const values = { qty: 1.5, ok: 7, name: 'toolong' };
        expect(errorsOf(await insert(tableId, values), 400)).toEqual([
          {
            message: 'The value for qty is not a valid integer.',
            error_code: '3012',
            field: 'values.qty',
            details: { type: 'integer' },
          },
          {
            message: 'The value for ok is not a valid boolean.',
            error_code: '3012',
            field: 'values.ok',
            details: { type: 'boolean' },
          },
          {
            message: 'The value for name is too long.',
            error_code: '3010',
            field: 'values.name',
            details: { max_length: 5 },
          },
        ]);
        const german = await app
          .http()
          .post(`${API}/tables/${tableId}/records`)
          .set('Accept-Language', 'de')
          .send({ values: { ...values, nope: 1 } });
        expect(errorsOf(german, 400)).toEqual([
          {
            message: 'Der Wert (value for qty) ist kein gültiger Wert vom Typ integer.',
            error_code: '3012',
            field: 'values.qty',
            details: { type: 'integer' },
          },
          {
            message: 'Der Wert (value for ok) ist kein gültiger Wert vom Typ boolean.',
            error_code: '3012',
            field: 'values.ok',
            details: { type: 'boolean' },
          },
          {
            message: 'Der Wert (value for name) ist zu lang.',
            error_code: '3010',
            field: 'values.name',
            details: { max_length: 5 },
          },
          {
            message: 'Diese Tabelle hat keine Spalte nope.',
            error_code: '6301',
            field: 'values.nope',
            details: { column: 'nope' },
          },
        ]);
      });

      it('answers 409 on values.<column> for a one-column unique violation', async () => {
        expect((await insert(tableId, { sku: 'S1' })).status).toBe(201);
        expect(errorsOf(await insert(tableId, { sku: 'S1' }), 409)).toEqual([
          {
            message: 'This value for sku is already in use.',
            error_code: '3001',
            field: 'values.sku',
            details: { columns: ['sku'] },
          },
        ]);
      });

      it('answers 409 with field null and details.columns for a several-column unique violation', async () => {
        expect((await insert(tableId, { name: 'tea', shelf: 4 })).status).toBe(201);
        expect((await insert(tableId, { name: 'tea', shelf: 5 })).status).toBe(201);
        expect(errorsOf(await insert(tableId, { name: 'tea', shelf: 4 }), 409)).toEqual([
          {
            message: 'This combination of name and shelf is already in use.',
            error_code: '3001',
            field: null,
            details: { columns: ['name', 'shelf'] },
          },
        ]);
      });

      it('answers 400 on values.<name> for unknown columns and values that are not scalars', async () => {
        expect(errorsOf(await insert(tableId, { nope: 1, id: 3, qty: { n: 1 }, sku: [1] }), 400)).toEqual([
          {
            message: 'There is no column nope in this table.',
            error_code: '6301',
            field: 'values.nope',
            details: { column: 'nope' },
          },
          {
            message: 'There is no column id in this table.',
            error_code: '6301',
            field: 'values.id',
            details: { column: 'id' },
          },
          {
            message: 'The value of qty must be a string, a number, a boolean or null.',
            error_code: '6303',
            field: 'values.qty',
            details: { column: 'qty' },
          },
          {
            message: 'The value of sku must be a string, a number, a boolean or null.',
            error_code: '6303',
            field: 'values.sku',
            details: { column: 'sku' },
          },
        ]);
      });

      it('answers 400 for a NUL character (MariaDB stores it) and for a body without values', async () => {
        if (kind === 'mariadb') {
          expect((await insert(tableId, { sku: 'a\u0000b' })).body.values.sku).toBe('a\u0000b');
        } else {
          expect(errorsOf(await insert(tableId, { sku: 'a\u0000b' }), 400)[0]).toMatchObject({
            field: 'values.sku',
            error_code: '3014',
          });
        }
        expect(errorsOf(await app.http().post(`${API}/tables/${tableId}/records`).send({}), 400)[0]).toMatchObject({
          field: 'values',
        });
        expect(errorsOf(await insert(tableId, 'text'), 400)[0]).toMatchObject({ field: 'values', error_code: '2026' });
      });

      it('answers 404 for records of a missing table', async () => {
        expect(errorsOf(await insert(2_000_000_000, {}), 404)[0]).toMatchObject({ error_code: '6101' });
        expect(errorsOf(await app.http().get(`${API}/tables/2000000000/records`), 404)[0]).toMatchObject({
          error_code: '6101',
        });
      });
    });

    it('answers odd input with exact 4xx errors, never a 500', async () => {
      const table = await createTable();
      const column = await addColumn(table.id, { name: 'v', type: 'VARCHAR', type_options: { length: 3 } });
      const tooLongName = 'x'.repeat(10_000);
      const odd: Array<[string, string, unknown, number, unknown[]]> = [
        [
          'post',
          `/tables/${table.id}/records`,
          { values: { v: '\ud800' } },
          400,
          [
            {
              message: 'Values.v contains a lone UTF-16 surrogate, which is not Unicode text.',
              error_code: '2141',
              field: 'values.v',
              details: null,
            },
          ],
        ],
        [
          'post',
          `/tables/${table.id}/records`,
          { values: { v: 'é'.repeat(4) } },
          400,
          [
            {
              message: 'The value for v is too long.',
              error_code: '3010',
              field: 'values.v',
              details: { max_length: 3 },
            },
          ],
        ],
        [
          'post',
          `/tables/${table.id}/records`,
          { values: { '': 1 } },
          400,
          [
            {
              message: 'There is no column "" in this table.',
              error_code: '6301',
              field: 'values.',
              details: { column: '' },
            },
          ],
        ],
        [
          'post',
          `/tables/${table.id}/columns`,
          { name: 'a', type: 'VARCHAR', type_options: { length: 1e308 } },
          400,
          [
            {
              message: 'Length must be an integer from 1 to 10485760.',
              error_code: '6206',
              field: 'type_options.length',
              details: { option: 'length', min: 1, max: 10485760 },
            },
          ],
        ],
        [
          'post',
          `/tables/${table.id}/columns`,
          { name: 'b', type: 'NUMERIC', type_options: { precision: -1 } },
          400,
          [
            {
              message: 'Precision must be an integer from 1 to 1000.',
              error_code: '6206',
              field: 'type_options.precision',
              details: { option: 'precision', min: 1, max: 1000 },
            },
          ],
        ],
        [
          'post',
          `/tables/${table.id}/columns`,
          { name: 'c', type: '"; DROP TABLE users; --' },
          400,
          [
            {
              message: '"; DROP TABLE users; -- is not a valid type.',
              error_code: '6203',
              field: 'type',
              details: { available_types: AVAILABLE_TYPES },
            },
          ],
        ],
        [
          'post',
          '/tables',
          { name: 'x', owner_id: -1 },
          400,
          [
            {
              message: 'Owner_id must not be less than 1.',
              error_code: '2043',
              field: 'owner_id',
              details: { min: 1 },
            },
          ],
        ],
        [
          'post',
          '/users',
          { email: `${uid()}@example.com`, username: tooLongName },
          400,
          [
            {
              message: 'Username is too long.',
              error_code: '6004',
              field: 'username',
              details: { columns: ['username'], max_length: 30 },
            },
          ],
        ],
        [
          'patch',
          `/columns/${column.id}`,
          { name: null, type: null, type_options: null },
          400,
          [
            {
              message: 'Name may contain only letters, digits and underscores.',
              error_code: '2053',
              field: 'name',
              details: { pattern: '^[A-Za-z0-9_]+$' },
            },
            {
              message: 'Name must be longer than or equal to 1 characters.',
              error_code: '2052',
              field: 'name',
              details: { min: 1, max: 63 },
            },
            { message: 'Name must be a string.', error_code: '2024', field: 'name', details: null },
            {
              message: 'Type must be shorter than or equal to 100 characters.',
              error_code: '2051',
              field: 'type',
              details: { max: 100 },
            },
            { message: 'Type must be a string.', error_code: '2024', field: 'type', details: null },
          ],
        ],
        [
          'get',
          '/users?limit[]=1',
          undefined,
          400,
          [{ message: 'Property limit[] should not exist.', error_code: '2002', field: 'limit[]', details: null }],
        ],
      ];
      for (const [method, path, body, status, errors] of odd) {
        const request = (app.http() as unknown as Record<string, (url: string) => import('supertest').Test>)[method](
          `${API}${path}`,
        );
        const response = body === undefined ? await request : await request.send(body as object);
        expect([method, path, response.status, response.body]).toEqual([method, path, status, errors]);
        expectContract(response);
      }
      // The column the PATCH aimed at is unchanged.
      expect((await app.http().get(`${API}/tables/${table.id}`)).body.columns).toEqual([
        { id: column.id, table_id: table.id, name: 'v', type: 'VARCHAR', type_options: { length: 3 } },
      ]);
    });
  },
);
