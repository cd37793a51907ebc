import { ADAPTERS, API, SampleApp, startSampleApp } from './support/app-harness';
import { expectContract } from '../support/test-app';

/**
 * What the fuzzer (test/fuzz) found, kept as regular tests: each was a 500 or a
 * non-contract answer before its fix.
 */
describe.each(ADAPTERS)('fuzzer findings on %s', (adapter) => {
  let app: SampleApp;
  beforeAll(async () => {
    // Like the fuzzer's, these requests are odd on purpose; their answers are recorded for
    // the documentation drift check too, so the document stays honest for odd requests.
    app = await startSampleApp('pglite', adapter);
  });
  afterAll(() => app.close());

  it('an email holding a lone UTF-16 surrogate is a 400 on email (validator.js threw a URIError: 500)', async () => {
    const response = await app
      .http()
      .post(`${API}/users`)
      .set('content-type', 'application/json')
      .send('{"email":"\\ud800","username":"lone"}');
    expect(response.status).toBe(400);
    expect(expectContract(response)).toEqual([
      {
        message: 'Email contains a lone UTF-16 surrogate, which is not Unicode text.',
        error_code: '2141',
        field: 'email',
        details: null,
      },
    ]);
    expect((await app.http().get(`${API}/users`)).body.count).toBe(0);
  });

  it.each([
    ['display_name', '{"email":"s1@example.com","username":"s1","display_name":"a\\ud800"}'],
    ['profile.bio', '{"email":"s2@example.com","username":"s2","profile":{"bio":"\\udc00"}}'],
    [
      'profile.links.0.label',
      '{"email":"s3@example.com","username":"s3","profile":{"links":[{"url":"https://a.example","label":"\\ud83d"}]}}',
    ],
  ])(
    'a lone surrogate in %s is refused naming it (was stored as U+FFFD, or "not a valid json" with no field)',
    async (field, json) => {
      const response = await app.http().post(`${API}/users`).set('content-type', 'application/json').send(json);
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([expect.objectContaining({ error_code: '2141', field })]);
    },
  );

  it('profile keys sent as null are left out (links: null was a TypeError: 500)', async () => {
    const created = await app
      .http()
      .post(`${API}/users`)
      .send({ email: 'nulls@example.com', username: 'nulls', profile: { links: null, bio: null, website: null } });
    expect(created.status).toBe(201);
    expect(created.body.profile).toEqual({});
    const updated = await app
      .http()
      .patch(`${API}/users/${created.body.id}`)
      .send({ profile: { bio: 'Hello.', links: null } });
    expect(updated.status).toBe(200);
    expect(updated.body.profile).toEqual({ bio: 'Hello.' });
  });

  it('an empty or blank type option name is quoted in its sentence (the message ended in " .")', async () => {
    const owner = await app.http().post(`${API}/users`).send({ email: 'opts@example.com', username: 'opts' });
    const table = await app.http().post(`${API}/tables`).send({ name: 'opts', owner_id: owner.body.id });
    expect(table.status).toBe(201);
    for (const [option, shown] of [
      ['', '""'],
      [' ', '" "'],
    ]) {
      const response = await app
        .http()
        .post(`${API}/tables/${table.body.id}/columns`)
        .send({ name: 'item', type: 'VARCHAR', type_options: { [option]: 0 } });
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        {
          message: `The type VARCHAR has no option ${shown}.`,
          error_code: '6205',
          field: `type_options.${option}`,
          details: { type: 'VARCHAR', option, available_options: ['length'] },
        },
      ]);
    }
  });
});
