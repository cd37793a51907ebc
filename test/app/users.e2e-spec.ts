import { expectContract } from '../support/test-app';
import { ADAPTERS, ALL_DATABASES, API, SampleApp, matrix, startSampleApp, uid } from './support/app-harness';

jest.setTimeout(60_000);

describe.each(matrix(ALL_DATABASES, ADAPTERS))('users on %s with %s', (kind, adapter) => {
  let app: SampleApp;

  beforeAll(async () => {
    app = await startSampleApp(kind, adapter);
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (body: unknown) =>
    app
      .http()
      .post(`${API}/users`)
      .send(body as object);
  async function createUser(overrides: Record<string, unknown> = {}) {
    const name = `u${uid()}`;
    const response = await post({ email: `${name}@example.com`, username: name, ...overrides });
    expect(response.status).toBe(201);
    return response.body as { id: number; email: string; username: string };
  }
  async function expectErrors(response: import('supertest').Response, status: number, expected: unknown[]) {
    expect(response.status).toBe(status);
    expect(expectContract(response)).toEqual(expected);
  }

  describe('POST /users', () => {
    it('creates a user, lower-casing the email', async () => {
      const name = `Ada${uid()}`;
      const response = await post({
        email: `${name}@Example.COM`,
        username: name,
        display_name: 'Ada Lovelace',
        profile: {
          bio: 'Analyst.',
          website: 'https://ada.example.com',
          links: [{ label: 'Notes', url: 'https://n.example.com' }],
        },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        email: `${name.toLowerCase()}@example.com`,
        username: name,
        display_name: 'Ada Lovelace',
        profile: {
          bio: 'Analyst.',
          website: 'https://ada.example.com',
          links: [{ label: 'Notes', url: 'https://n.example.com' }],
        },
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(Object.keys(response.body)).toEqual(['id', 'email', 'username', 'display_name', 'profile', 'created_at']);
    });

    it('defaults display_name and profile to null', async () => {
      const user = await createUser();
      expect(user).toMatchObject({ display_name: null, profile: null });
    });

    it('reports missing and mistyped fields together', async () => {
      const response = await post({ username: 5 });
      expect(response.status).toBe(400);
      const errors = expectContract(response);
      expect(errors.map((error) => [error.field, error.error_code])).toEqual([
        ['email', '2010'],
        ['email', '2056'],
        ['email', '2024'],
        ['username', '2024'],
      ]);
    });

    it('checks the email format, display_name and bio lengths, URLs, labels and the number of links', async () => {
      const response = await post({
        email: 'not-an-email',
        username: `u${uid()}`,
        display_name: 'x'.repeat(101),
        profile: {
          bio: 'b'.repeat(161),
          website: 'nope',
          links: [
            { label: '', url: 'https://a.example.com' },
            { label: 'l'.repeat(31), url: 'not a url' },
            ...Array.from({ length: 4 }, () => ({ label: 'ok', url: 'https://ok.example.com' })),
          ],
        },
      });
      expect(response.status).toBe(400);
      const fields = expectContract(response).map((error) => `${error.field}:${error.error_code}`);
      expect(fields).toEqual([
        'email:2056',
        'display_name:2051',
        'profile.bio:2051',
        'profile.website:2057',
        'profile.links:2101',
        'profile.links.0.label:2052',
        'profile.links.1.label:2052',
        'profile.links.1.url:2057',
      ]);
    });

    it('reports a username over 30 characters from the check constraint username_length', async () => {
      await expectErrors(await post({ email: `${uid()}@example.com`, username: 'a'.repeat(31) }), 400, [
        {
          message: 'Username is too long.',
          error_code: '6004',
          field: 'username',
          details: { columns: ['username'], max_length: 30 },
        },
      ]);
    });

    it('reports characters other than letters and digits from username_valid_characters', async () => {
      for (const username of ['ada lovelace', 'ada-l', 'ädä', '']) {
        await expectErrors(await post({ email: `${uid()}@example.com`, username }), 400, [
          {
            message: 'Username contains invalid characters. Alphanumeric only.',
            error_code: '6005',
            field: 'username',
            details: { columns: ['username'] },
          },
        ]);
      }
    });

    it('reports a username taken in any case from the index username_unique_lowercase', async () => {
      const user = await createUser();
      await expectErrors(await post({ email: `${uid()}@example.com`, username: user.username.toUpperCase() }), 409, [
        {
          message: 'This username is already in use.',
          error_code: '6003',
          field: 'username',
          details: { columns: ['username'] },
        },
      ]);
    });

    it('reports a taken email (in any case) from users_email_key', async () => {
      const user = await createUser();
      await expectErrors(await post({ email: user.email.toUpperCase(), username: `u${uid()}` }), 409, [
        {
          message: 'This email is already in use.',
          error_code: '6002',
          field: 'email',
          details: { columns: ['email'] },
        },
      ]);
    });

    it('answers a NUL character, which PostgreSQL cannot store, with a 400', async () => {
      const response = await post({ email: `${uid()}@example.com`, username: 'a\u0000b' });
      expect(response.status).toBe(400);
      expect(expectContract(response)[0]).toMatchObject({ field: 'username' });
    });
  });

  describe('GET /users', () => {
    it('pages with limit and offset', async () => {
      await createUser();
      await createUser();
      const all = await app.http().get(`${API}/users?limit=100`);
      expect(all.status).toBe(200);
      expect(all.body.count).toBeGreaterThanOrEqual(2);
      const page = await app.http().get(`${API}/users?limit=1&offset=1`);
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ count: all.body.count, results: [all.body.results[1]] });
      const defaults = await app.http().get(`${API}/users`);
      expect(defaults.body.results.length).toBe(Math.min(20, all.body.count));
    });

    it.each([
      ['limit=0', 'limit', '2043'],
      ['limit=101', 'limit', '2044'],
      ['limit=abc', 'limit', '2023'],
      ['offset=-1', 'offset', '2043'],
      ['offset=1.5', 'offset', '2023'],
      ['offset=99999999999', 'offset', '2044'],
    ])('rejects ?%s', async (query, field, code) => {
      const response = await app.http().get(`${API}/users?${query}`);
      expect(response.status).toBe(400);
      expect(expectContract(response).map((error) => [error.field, error.error_code])).toContainEqual([field, code]);
    });
  });

  describe('GET /users/:id', () => {
    it('finds a user', async () => {
      const user = await createUser();
      const response = await app.http().get(`${API}/users/${user.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(user);
    });

    it('answers 404 for a missing user', async () => {
      await expectErrors(await app.http().get(`${API}/users/2000000000`), 404, [
        { message: 'No user has the id 2000000000.', error_code: '6001', field: null, details: { id: 2000000000 } },
      ]);
    });

    it.each([
      ['abc', '2023', 'Id must be an integer number.', null],
      ['1.5', '2023', 'Id must be an integer number.', null],
      ['0', '2043', 'Id must not be less than 1.', { min: 1 }],
      ['-3', '2043', 'Id must not be less than 1.', { min: 1 }],
      ['2147483648', '2044', 'Id must not be greater than 2147483647.', { max: 2147483647 }],
      ['99999999999999999999999', '2023', 'Id must be an integer number.', null],
    ])('answers 400 naming id for /users/%s', async (id, code, message, details) => {
      await expectErrors(await app.http().get(`${API}/users/${id}`), 400, [
        { message, error_code: code, field: 'id', details },
      ]);
    });
  });

  describe('PATCH /users/:id', () => {
    it('updates the given fields only', async () => {
      const user = await createUser({ display_name: 'Before' });
      const response = await app
        .http()
        .patch(`${API}/users/${user.id}`)
        .send({ email: `New${uid()}@Example.com`, profile: { bio: 'After.' } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: user.id,
        username: user.username,
        display_name: 'Before',
        email: expect.stringMatching(/^new.*@example\.com$/),
        profile: { bio: 'After.' },
      });
      const empty = await app.http().patch(`${API}/users/${user.id}`).send({});
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual(response.body);
    });

    it('answers 404 from the service for a missing user', async () => {
      await expectErrors(await app.http().patch(`${API}/users/1999999999`).send({ display_name: 'x' }), 404, [
        { message: 'No user has the id 1999999999.', error_code: '6001', field: null, details: { id: 1999999999 } },
      ]);
      await expectErrors(await app.http().patch(`${API}/users/1999999999`).send({}), 404, [
        { message: 'No user has the id 1999999999.', error_code: '6001', field: null, details: { id: 1999999999 } },
      ]);
    });

    it('applies the same database rules as POST', async () => {
      const user = await createUser();
      const other = await createUser();
      const patch = (body: object) => app.http().patch(`${API}/users/${user.id}`).send(body);
      expect(expectContract(await patch({ username: 'x'.repeat(31) }))[0]).toMatchObject({
        error_code: '6004',
        field: 'username',
      });
      expect(expectContract(await patch({ username: 'not valid' }))[0]).toMatchObject({
        error_code: '6005',
        field: 'username',
      });
      const taken = await patch({ username: other.username.toUpperCase() });
      expect(taken.status).toBe(409);
      expect(expectContract(taken)[0]).toMatchObject({ error_code: '6003', field: 'username' });
      const email = await patch({ email: other.email });
      expect(email.status).toBe(409);
      expect(expectContract(email)[0]).toMatchObject({ error_code: '6002', field: 'email' });
    });

    it('answers a NUL character in a changed field with 3014, as POST does (MariaDB stores it)', async () => {
      const user = await createUser();
      const response = await app.http().patch(`${API}/users/${user.id}`).send({ display_name: 'a\u0000b' });
      if (kind === 'mariadb') {
        // A difference of the databases, not of the contract: MariaDB's text holds a NUL.
        expect(response.status).toBe(200);
        expect(response.body.display_name).toBe('a\u0000b');
        return;
      }
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        expect.objectContaining({ error_code: '3014', field: 'display_name', details: null }),
      ]);
    });

    it('refuses null for email and username, and a malformed id', async () => {
      const user = await createUser();
      const response = await app.http().patch(`${API}/users/${user.id}`).send({ email: null, username: null });
      expect(response.status).toBe(400);
      expect(expectContract(response).map((error) => error.field)).toEqual(['email', 'email', 'username']);
      const malformed = await app.http().patch(`${API}/users/x1`).send({});
      expect(malformed.status).toBe(400);
      expect(expectContract(malformed)[0]).toMatchObject({ field: 'id', error_code: '2023' });
    });
  });

  describe('DELETE /users/:id', () => {
    it('deletes a user, then answers 404', async () => {
      const user = await createUser();
      const response = await app.http().delete(`${API}/users/${user.id}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await app.http().get(`${API}/users/${user.id}`)).status).toBe(404);
      const again = await app.http().delete(`${API}/users/${user.id}`);
      expect(again.status).toBe(404);
      expect(expectContract(again)[0]).toMatchObject({ error_code: '6001' });
    });

    it('answers 409 while the user owns tables (tables_owner_id_fkey, translated)', async () => {
      const user = await createUser();
      const table = await app
        .http()
        .post(`${API}/tables`)
        .send({ name: `owned${uid()}`, owner_id: user.id });
      expect(table.status).toBe(201);
      await expectErrors(await app.http().delete(`${API}/users/${user.id}`), 409, [
        {
          message: 'This user cannot be deleted or changed because table records still refer to it.',
          error_code: '3004',
          field: null,
          details: { resource: 'user', referenced_by: 'table' },
        },
      ]);
      expect((await app.http().delete(`${API}/tables/${table.body.id}`)).status).toBe(204);
      expect((await app.http().delete(`${API}/users/${user.id}`)).status).toBe(204);
    });
  });
});
