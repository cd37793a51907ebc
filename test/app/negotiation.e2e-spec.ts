import type { Response } from 'supertest';
import { expectContract } from '../support/test-app';
import { ADAPTERS, API, SampleApp, startSampleApp, uid } from './support/app-harness';

/** Where a code's Problem Details `type` points by default: its row in the catalogue the package ships. */
/** The sample app serves its catalogue at /errors: each `type` is a code's entry there. */
const TYPE_BASE = '/errors/';

jest.setTimeout(120_000);

/** The walkthrough's invalid user: every problem at once, a nested field among them. */
const INVALID_USER = { email: 'grace', profile: { links: [{ label: 'Navy', url: 'not a url' }] } };

const ENGLISH = [
  { message: 'Email must be an email.', error_code: '2056', field: 'email', details: null },
  { message: 'Username should not be null or undefined.', error_code: '2010', field: 'username', details: null },
  { message: 'Username must be a string.', error_code: '2024', field: 'username', details: null },
  { message: 'Url must be a URL address.', error_code: '2057', field: 'profile.links.0.url', details: null },
];
const GERMAN = [
  { message: 'Email muss eine E-Mail-Adresse sein.', error_code: '2056', field: 'email', details: null },
  { message: 'Username darf nicht null oder undefiniert sein.', error_code: '2010', field: 'username', details: null },
  { message: 'Username muss eine Zeichenkette sein.', error_code: '2024', field: 'username', details: null },
  {
    message: 'Profile.links.0.url muss eine URL sein.',
    error_code: '2057',
    field: 'profile.links.0.url',
    details: null,
  },
];

/** What RFC 9457 asks of the standard members (section 3.1), checked member by member. */
function expectValidProblem(response: Response): Record<string, unknown> {
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const problem = JSON.parse(response.text) as Record<string, unknown>;
  expect(typeof problem.type).toBe('string');
  // A URI reference (RFC 9457 3.1.1): the served catalogue's entry, resolved against the
  // API's own origin, which the app cannot know behind proxies.
  expect((problem.type as string).startsWith('/errors/')).toBe(true);
  expect(() => new URL(problem.type as string, 'https://api.example.com')).not.toThrow();
  expect(typeof problem.title).toBe('string');
  expect(problem.status).toBe(response.status);
  expect(typeof problem.detail).toBe('string');
  if ('instance' in problem) expect(() => new URL(problem.instance as string)).not.toThrow();
  return problem;
}

describe.each(ADAPTERS)('the sample app negotiates its error responses on %s', (adapter) => {
  let app: SampleApp;
  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter);
  });
  afterAll(async () => {
    await app?.close();
  });

  const postUser = (body: object, headers: Record<string, string> = {}) => {
    let request = app.http().post(`${API}/users`);
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    return request.send(body);
  };

  it('answers a request without Accept or Accept-Language exactly as before', async () => {
    const response = await postUser(INVALID_USER);
    expect(response.status).toBe(400);
    expect(expectContract(response)).toEqual(ENGLISH);
    expect(response.headers['content-language']).toBe('en');
  });

  it('Accept: application/problem+json -> an RFC 9457 object whose errors are the array answer', async () => {
    const array = await postUser(INVALID_USER);
    const response = await postUser(INVALID_USER, { Accept: 'application/problem+json' });
    expect(response.status).toBe(400);
    const problem = expectValidProblem(response);
    const requestId = response.headers['x-request-id'];
    expect(problem).toEqual({
      type: `${TYPE_BASE}2056`,
      title: '… must be an email. (and 3 more problems)',
      status: 400,
      detail: 'Email must be an email.',
      instance: `urn:uuid:${requestId}`,
      request_id: requestId,
      errors: ENGLISH,
    });
    expect(problem.errors).toEqual(array.body);
  });

  it('Accept-Language: de -> German messages with the same codes, fields and details', async () => {
    const response = await postUser(INVALID_USER, { 'Accept-Language': 'de' });
    expect(response.status).toBe(400);
    expect(response.headers['content-language']).toBe('de');
    expect(expectContract(response)).toEqual(GERMAN);
    const unlocalized = (errors: object[]) => errors.map((error) => ({ ...error, message: undefined }));
    expect(unlocalized(response.body)).toEqual(unlocalized(ENGLISH));
  });

  it("answers the app's own codes in German from the messages it registered", async () => {
    const name = `u${uid()}`;
    expect((await postUser({ email: `${name}@example.com`, username: name })).status).toBe(201);
    const taken = await postUser(
      { email: `${name}@example.com`, username: `x${name}` },
      { 'Accept-Language': 'de-AT, en;q=0.5', Accept: 'application/problem+json' },
    );
    expect(taken.status).toBe(409);
    expect(taken.headers['content-language']).toBe('de');
    expect(expectValidProblem(taken)).toMatchObject({
      type: `${TYPE_BASE}6002`,
      title: 'Diese E-Mail-Adresse wird bereits verwendet.',
      status: 409,
      detail: 'Diese E-Mail-Adresse wird bereits verwendet.',
      errors: [
        {
          message: 'Diese E-Mail-Adresse wird bereits verwendet.',
          error_code: '6002',
          field: 'email',
          details: { columns: ['email'] },
        },
      ],
    });
    const missing = await app.http().patch(`${API}/users/424242`).set('Accept-Language', 'de').send({});
    expect(missing.body).toEqual([
      { message: 'Kein Benutzer hat die ID 424242.', error_code: '6001', field: null, details: { id: 424242 } },
    ]);
  });

  it('keeps a message written in a DTO decorator as written', async () => {
    const response = await app
      .http()
      .post(`${API}/tables`)
      .set('Accept-Language', 'de')
      .send({ name: 'no spaces allowed', owner_id: 1 });
    expect(response.status).toBe(400);
    expect(response.body).toEqual([
      {
        message: 'Name may contain only letters, digits and underscores.',
        error_code: '2053',
        field: 'name',
        details: { pattern: '^[A-Za-z0-9_]+$' },
      },
    ]);
  });
});
