import { ADAPTERS, API, SampleApp, startSampleApp } from './support/app-harness';

/**
 * What any route answers for a request that fails before its code runs (an odd
 * encoding, a bad escape in the path, a body sent to a route that reads none): always
 * the contract, with the code's own message (never zlib's or a router's text), and
 * listed in the OpenAPI document for that route (the drift check records these).
 */
describe.each(ADAPTERS)('request-level errors on %s', (adapter) => {
  let app: SampleApp;
  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter);
  });
  afterAll(async () => {
    await app?.close();
  });

  // Invalid, so that an adapter that read it as plain JSON would answer without creating anything.
  const body = JSON.stringify({ email: 'not-an-email', username: 'a' });

  // The sample app decodes no Content-Encoding (Express with `inflate: false`; Fastify
  // has no decoder), so both adapters refuse any encoded body the same way, with the
  // library's sentence (never zlib's text).
  it.each(['gzip', 'br', 'xyz'])('Content-Encoding: %s', async (encoding) => {
    const response = await app
      .http()
      .post(`${API}/users`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .send(body);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 415,
      body: [
        {
          message: 'The Content-Encoding of the request body is not supported.',
          error_code: '1415',
          field: null,
          details: null,
        },
      ],
    });
  });

  it.each(['/users/%E0%A4%A', '/tables/%zz', '/tables/%/records'])(
    'a broken percent-escape in the path: GET %s',
    async (path) => {
      const response = await app.http().get(`${API}${path}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual([
        { message: 'The request is malformed.', error_code: '1008', field: null, details: null },
      ]);
    },
  );

  it('a malformed JSON body on a GET route', async () => {
    const response = await app.http().get(`${API}/users`).set('Content-Type', 'application/json').send('{"a":');
    expect({ status: response.status, body: response.body }).toEqual(
      adapter === 'express'
        ? {
            status: 400,
            body: [{ message: 'The request body is not valid JSON.', error_code: '1002', field: null, details: null }],
          }
        : // Fastify reads no body on GET.
          { status: 200, body: { count: 0, results: [] } },
    );
  });

  it('a malformed JSON body on a DELETE route', async () => {
    const response = await app.http().delete(`${API}/users/1`).set('Content-Type', 'application/json').send('{"a":');
    expect(response.status).toBe(400);
    expect(response.body).toEqual([
      { message: 'The request body is not valid JSON.', error_code: '1002', field: null, details: null },
    ]);
  });

  it.each([
    ['put', `${API}/users`, 'GET, HEAD, POST'],
    ['delete', `${API}/users`, 'GET, HEAD, POST'],
    ['post', `${API}/users/1`, 'DELETE, GET, HEAD, PATCH'],
    ['put', `${API}/tables/1/records/`, 'GET, HEAD, POST'],
  ] as const)('%s %s: a known path without that method is a 405 with Allow', async (method, path, allow) => {
    const response = await app.http()[method](path).set('Accept-Language', 'de');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.headers['content-language']).toBe('de');
    expect(response.body).toEqual([
      { message: 'Die Methode ist nicht erlaubt.', error_code: '1405', field: null, details: null },
    ]);
  });

  it('an unknown path is still a 404', async () => {
    const response = await app.http().put(`${API}/users/1/nope`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual([
      {
        message: `No route matches PUT ${API}/users/1/nope.`,
        error_code: '1001',
        field: null,
        details: { method: 'PUT', path: `${API}/users/1/nope` },
      },
    ]);
  });
});
