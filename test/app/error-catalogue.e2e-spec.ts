import { ADAPTERS, API, SampleApp, startSampleApp } from './support/app-harness';
import { APP_ERROR_CODES } from '../../src/errors/app-error-codes';
import { BUILTIN_CODES } from '../../libs/errors/src/codes/builtin-codes';

/** The catalogue the sample app serves at /errors (ErrorsModule option `catalogue`). */
describe.each(ADAPTERS)('the error code catalogue at /errors on %s', (adapter) => {
  let app: SampleApp;
  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter);
  });
  afterAll(async () => {
    await app?.close();
  });

  const IS_EMAIL = {
    code: '2056',
    name: 'IS_EMAIL',
    status: 400,
    category: 'validation',
    owner: 'library',
    messages: { en: '{field} must be an email.', de: '{field} muss eine E-Mail-Adresse sein.' },
    details: 'null',
    description: '@IsEmail()',
    type: '/errors/2056',
    routes: ['PATCH /api/v0/users/{id}', 'POST /api/v0/users'],
  };

  it('GET /errors/2056 (JSON): the entry, with its message in each locale and the routes that answer it', async () => {
    const response = await app.http().get('/errors/2056').set('Accept', 'application/json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
    expect(response.body).toEqual(IS_EMAIL);
  });

  it('GET /errors (JSON): every registered code, the library and the app, and nothing else', async () => {
    const response = await app.http().get('/errors').set('Accept', 'application/json');
    expect(response.status).toBe(200);
    const codes = (response.body as Array<{ code: string }>).map((entry) => entry.code);
    const registered = [...BUILTIN_CODES, ...APP_ERROR_CODES].map((code) => code.code);
    expect(codes).toEqual(registered.sort((a, b) => Number(a) - Number(b)));
    const userNotFound = (response.body as Array<Record<string, unknown>>).find((entry) => entry.code === '6001');
    expect(userNotFound).toEqual({
      code: '6001',
      name: 'USER_NOT_FOUND',
      status: 404,
      category: 'application',
      owner: 'application',
      messages: { en: 'No user has the id {id}.', de: 'Kein Benutzer hat die ID {id}.' },
      details: '{ id: number }',
      description: null,
      type: '/errors/6001',
      routes: ['DELETE /api/v0/users/{id}', 'GET /api/v0/users/{id}', 'PATCH /api/v0/users/{id}'],
    });
    // Codes any request can get are answered by every route.
    expect((response.body as Array<{ code: string; routes: string[] }>).find((e) => e.code === '5000')?.routes).toEqual(
      ['*'],
    );
  });

  it('a browser gets HTML: the list links each code to its page', async () => {
    const list = await app.http().get('/errors').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(list.text).toContain(
      '<tr id="2056"><td><a href="/errors/2056"><code>2056</code></a></td><td><code>IS_EMAIL</code></td><td>400</td>',
    );
    const entry = await app.http().get('/errors/6002').set('Accept', 'text/html');
    expect(entry.status).toBe(200);
    expect(entry.text).toContain('<h1><code>6002</code> <code>EMAIL_TAKEN</code></h1>');
    expect(entry.text).toContain('<td lang="de">Diese E-Mail-Adresse wird bereits verwendet.</td>');
    expect(entry.text).toContain('<li><code>POST /api/v0/users</code></li>');
  });

  it.each([
    ['9999', 'No error code 9999 is registered.'],
    ['6999', 'No error code 6999 is registered.'],
    ['abc', 'No error code abc is registered.'],
  ])('GET /errors/%s: a code the app does not register is a 404 in the contract', async (code, message) => {
    const response = await app.http().get(`/errors/${code}`).set('Accept', 'application/json');
    expect(response.status).toBe(404);
    expect(response.body).toEqual([{ message, error_code: '1035', field: null, details: { code } }]);
  });

  it('a problem+json `type` from a real answer resolves to its entry', async () => {
    const answer = await app
      .http()
      .post(`${API}/users`)
      .set('Accept', 'application/problem+json')
      .send({ email: 'not-an-email', username: 'someone' });
    expect(answer.status).toBe(400);
    const problem = JSON.parse(answer.text) as { type: string };
    expect(problem.type).toBe('/errors/2056');
    const entry = await app.http().get(problem.type).set('Accept', 'application/json');
    expect(entry.status).toBe(200);
    expect(entry.body).toEqual(IS_EMAIL);
  });
});
