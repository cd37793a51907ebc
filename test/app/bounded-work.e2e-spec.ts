import { BODY_LIMIT } from '../../src/app.setup';
import { expectContract } from '../support/test-app';
import { ADAPTERS, API, SampleApp, startSampleApp } from './support/app-harness';

jest.setTimeout(60_000);

/**
 * Payloads that once made one request cost seconds of event loop or answer megabytes,
 * each answered now within a fixed bound, the same on both adapters. The bounds
 * themselves are counted in the library's unit tests (negotiation, validation-bounds,
 * domain-error); here each payload gets the exact answer a client sees.
 */
describe.each(ADAPTERS)('bounded work per request on %s', (adapter) => {
  let app: SampleApp;
  let tableId: number;

  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter);
    const owner = await app.http().post(`${API}/users`).send({ email: 'bounds@example.com', username: 'bounds' });
    const table = await app.http().post(`${API}/tables`).send({ name: 'bounds', owner_id: owner.body.id });
    expect(table.status).toBe(201);
    tableId = table.body.id;
  });
  afterAll(() => app?.close());

  /** `{"k0":0,"k1":0,...}` with as many keys as fit in `bytes`. */
  function manyKeys(bytes: number): { json: string; keys: number } {
    const parts: string[] = [];
    let length = 2;
    for (let index = 0; ; index++) {
      const part = `"${index.toString(36)}":0`;
      if (length + part.length + 1 > bytes) break;
      parts.push(part);
      length += part.length + 1;
    }
    return { json: `{${parts.join(',')}}`, keys: parts.length };
  }

  it('answers an Accept-Language of one range of 7,500 subtags as any other (in the default language)', async () => {
    const response = await app
      .http()
      .get(`${API}/nope`)
      .set('Accept-Language', `a${'-a'.repeat(7_499)}`);
    expect(response.status).toBe(404);
    expect(expectContract(response)).toEqual([
      {
        message: `No route matches GET ${API}/nope.`,
        error_code: '1001',
        field: null,
        details: { method: 'GET', path: `${API}/nope` },
      },
    ]);
  });

  it('answers profile.links of 33,000 items with ARRAY_TOO_LONG before validating any of them', async () => {
    const json = `{"email":"links@example.com","username":"links","profile":{"links":[${Array(33_000).fill('{}').join(',')}]}}`;
    expect(json.length).toBeLessThan(BODY_LIMIT);
    const response = await app.http().post(`${API}/users`).set('Content-Type', 'application/json').send(json);
    expect(response.status).toBe(400);
    expect(expectContract(response)).toEqual([
      {
        message: 'Profile.links must contain no more than 100 items.',
        error_code: '2140',
        field: 'profile.links',
        details: { max_items: 100 },
      },
    ]);
  });

  it('answers type_options of 10,000 keys with TOO_MANY_PROPERTIES before copying them', async () => {
    const options = manyKeys(BODY_LIMIT - 100);
    expect(options.keys).toBeGreaterThan(10_000);
    const response = await app
      .http()
      .post(`${API}/tables/${tableId}/columns`)
      .set('Content-Type', 'application/json')
      .send(`{"name":"many","type":"VARCHAR","type_options":${options.json}}`);
    expect(response.status).toBe(400);
    expect(expectContract(response)).toEqual([
      {
        message: 'Type_options must have no more than 1600 properties.',
        error_code: '2142',
        field: 'type_options',
        details: { max_properties: 1600 },
      },
    ]);
  });

  it('answers type_options of 1,600 unknown keys with 100 objects, the last counting the rest', async () => {
    const options = manyKeys(1600 * 7);
    expect(options.keys).toBeGreaterThan(1_500);
    const response = await app
      .http()
      .post(`${API}/tables/${tableId}/columns`)
      .set('Content-Type', 'application/json')
      .send(`{"name":"many","type":"VARCHAR","type_options":${options.json}}`);
    expect(response.status).toBe(400);
    const errors = expectContract(response);
    expect(errors).toHaveLength(100);
    expect(errors[0]).toMatchObject({ error_code: '6205', field: 'type_options.0' });
    // The app stops checking keys once the answer is full: the count is of the keys checked.
    expect(errors[99]).toEqual({
      message: '2 more validation errors were left out.',
      error_code: '2003',
      field: null,
      details: { omitted: 2, max_errors: 100 },
    });
    expect(response.text.length).toBeLessThan(30_000);
  });

  it('answers record values of 1,600 unknown columns with 100 objects', async () => {
    const values = manyKeys(1600 * 7);
    expect(values.keys).toBeLessThanOrEqual(1600);
    const response = await app
      .http()
      .post(`${API}/tables/${tableId}/records`)
      .set('Content-Type', 'application/json')
      .send(`{"values":${values.json}}`);
    expect(response.status).toBe(400);
    const errors = expectContract(response);
    expect(errors).toHaveLength(100);
    expect(errors[0]).toMatchObject({ error_code: '6301', field: 'values.0' });
    // The records' schema checks every key (at most 1,600, the pipe's maxProperties): the
    // last object counts all the unknown keys beyond the 99 answered.
    expect(errors[99]).toMatchObject({ error_code: '2003', details: { omitted: values.keys - 99, max_errors: 100 } });
  });
});
