import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { codesInDescription } from '../../libs/errors/src/transports/graphql/schema-errors';
import { POSTGRES_AVAILABLE, TEST_DATABASE_URL } from '../support/databases';
import { ADAPTERS, API, DATABASES, SampleApp, matrix, startSampleApp, uid } from './support/app-harness';
import {
  AnsweredCodes,
  GraphQLBody,
  GraphQLErrorEntry,
  rootFieldDescriptions,
  sendGraphQL,
} from './support/graphql-client';

jest.setTimeout(120_000);

/**
 * The sample app's GraphQL endpoint: Apollo Server on Express, Mercurius on Fastify.
 * Every expected `errors` array below is one constant for both drivers (with the client's
 * request id echoed), so a difference between the drivers fails the test.
 */
/**
 * GraphQL answers are checked against the schema's documentation (the drift check at the
 * end of each suite), not recorded against the OpenAPI document of the REST routes.
 */
const GRAPHQL_APP = { graphql: true, recordForDrift: false } as const;
const AVAILABLE_TYPES = ['BOOLEAN', 'DATE', 'INTEGER', 'NUMERIC', 'TEXT', 'VARCHAR'];
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id email } }';
const AT_CREATE_USER = { locations: [{ line: 1, column: 38 }], path: ['createUser'] };

/** One expected entry of `errors`. */
function entry(
  message: string,
  located: { locations?: Array<{ line: number; column: number }>; path?: Array<string | number> },
  code: string,
  errorCode: string,
  field: string | null,
  details: unknown,
  requestId: string,
): GraphQLErrorEntry {
  return { message, ...located, extensions: { code, error_code: errorCode, field, details, request_id: requestId } };
}

/** Every (root field, code) answered must be listed in that field's description in the served schema. */
async function expectAnsweredCodesDocumented(app: SampleApp, answered: AnsweredCodes): Promise<void> {
  const descriptions = await rootFieldDescriptions(app);
  const undocumented = [...answered.pairs].flatMap(([field, codes]) =>
    [...codes]
      .filter((code) => !codesInDescription(descriptions.get(field)).includes(code))
      .map((code) => `${field} ${code}`),
  );
  expect(undocumented).toEqual([]);
}

describe.each(matrix(DATABASES, ADAPTERS))('GraphQL on %s with %s', (kind, adapter) => {
  let app: SampleApp;
  const answered = new AnsweredCodes();
  const send = (body: GraphQLBody | GraphQLBody[], headers: Record<string, string> = {}) =>
    sendGraphQL(app, answered, body, headers);
  let requestId: string;
  const withId = () => ({ 'x-request-id': requestId });

  beforeAll(async () => {
    app = await startSampleApp(kind, adapter, GRAPHQL_APP);
  });
  beforeEach(() => {
    requestId = `gql-${uid()}`;
  });
  afterAll(async () => {
    try {
      if (app) await expectAnsweredCodesDocumented(app, answered);
    } finally {
      await app?.close();
    }
  });

  async function createUser(overrides: Record<string, unknown> = {}) {
    const name = `u${uid()}`;
    const response = await send({
      query: CREATE_USER,
      variables: { input: { email: `${name}@example.com`, username: name, ...overrides } },
    });
    expect(response.body.errors).toBeUndefined();
    return response.body.data.createUser as { id: number; email: string };
  }

  describe('createUser', () => {
    it('answers one error per violated rule, each with its input path', async () => {
      const response = await send(
        {
          query: CREATE_USER,
          variables: {
            input: {
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
            },
          },
        },
        withId(),
      );
      expect(response.status).toBe(200);
      expect(response.headers['x-request-id']).toBe(requestId);
      expect(response.body.data).toEqual({ createUser: null });
      expect(response.body.errors).toEqual([
        entry('Email must be an email.', AT_CREATE_USER, 'IS_EMAIL', '2056', 'input.email', null, requestId),
        entry(
          'Display_name must be shorter than or equal to 100 characters.',
          AT_CREATE_USER,
          'MAX_LENGTH',
          '2051',
          'input.display_name',
          { max: 100 },
          requestId,
        ),
        entry(
          'Bio must be shorter than or equal to 160 characters.',
          AT_CREATE_USER,
          'MAX_LENGTH',
          '2051',
          'input.profile.bio',
          { max: 160 },
          requestId,
        ),
        entry(
          'Website must be a URL address.',
          AT_CREATE_USER,
          'IS_URL',
          '2057',
          'input.profile.website',
          null,
          requestId,
        ),
        entry(
          'Links must contain no more than 5 elements.',
          AT_CREATE_USER,
          'ARRAY_MAX_SIZE',
          '2101',
          'input.profile.links',
          { max: 5 },
          requestId,
        ),
        entry(
          'Label must be longer than or equal to 1 characters.',
          AT_CREATE_USER,
          'LENGTH',
          '2052',
          'input.profile.links.0.label',
          { min: 1, max: 30 },
          requestId,
        ),
        entry(
          'Label must be shorter than or equal to 30 characters.',
          AT_CREATE_USER,
          'LENGTH',
          '2052',
          'input.profile.links.1.label',
          { min: 1, max: 30 },
          requestId,
        ),
        entry(
          'Url must be a URL address.',
          AT_CREATE_USER,
          'IS_URL',
          '2057',
          'input.profile.links.1.url',
          null,
          requestId,
        ),
      ]);
    });

    it('answers in the language the client asks for', async () => {
      const response = await send(
        { query: CREATE_USER, variables: { input: { email: 'nope', username: `u${uid()}` } } },
        { ...withId(), 'accept-language': 'de' },
      );
      expect(response.body.errors).toEqual([
        entry(
          'Email muss eine E-Mail-Adresse sein.',
          AT_CREATE_USER,
          'IS_EMAIL',
          '2056',
          'input.email',
          null,
          requestId,
        ),
      ]);
    });

    it('answers a taken email (in any case) on input.email, from users_email_key', async () => {
      const user = await createUser();
      const response = await send(
        { query: CREATE_USER, variables: { input: { email: user.email.toUpperCase(), username: `u${uid()}` } } },
        withId(),
      );
      expect(response.status).toBe(200);
      expect(response.body.errors).toEqual([
        entry(
          'This email is already in use.',
          AT_CREATE_USER,
          'EMAIL_TAKEN',
          '6002',
          'input.email',
          { columns: ['email'] },
          requestId,
        ),
      ]);
    });

    it("answers the database's username rules on input.username", async () => {
      const user = await createUser();
      const cases: Array<[string, string, string, string, unknown]> = [
        [
          user.email.replace('@', '_x@'),
          'This username is already in use.',
          'USERNAME_TAKEN',
          '6003',
          { columns: ['username'] },
        ],
        [
          'a'.repeat(31),
          'Username is too long.',
          'USERNAME_TOO_LONG',
          '6004',
          { columns: ['username'], max_length: 30 },
        ],
        [
          'ada lovelace',
          'Username contains invalid characters. Alphanumeric only.',
          'USERNAME_INVALID_CHARACTERS',
          '6005',
          { columns: ['username'] },
        ],
      ];
      for (const [value, message, code, errorCode, details] of cases) {
        const username = code === 'USERNAME_TAKEN' ? (await userById(user.id)).username.toUpperCase() : value;
        const response = await send(
          { query: CREATE_USER, variables: { input: { email: `${uid()}@example.com`, username } } },
          withId(),
        );
        expect(response.body.errors).toEqual([
          entry(message, AT_CREATE_USER, code, errorCode, 'input.username', details, requestId),
        ]);
      }
    });
  });

  async function userById(id: number): Promise<{ username: string }> {
    const response = await send({ query: `{ user(id: ${id}) { username } }` });
    return response.body.data.user as { username: string };
  }

  describe('user, updateUser: not found, partial data, several failing root fields', () => {
    it('answers USER_NOT_FOUND in its place; the other fields keep their data', async () => {
      const user = await createUser();
      const response = await send(
        { query: `{ missing: user(id: 2147483000) { id } found: user(id: ${user.id}) { id } }` },
        withId(),
      );
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ missing: null, found: { id: user.id } });
      expect(response.body.errors).toEqual([
        entry(
          'No user has the id 2147483000.',
          { locations: [{ line: 1, column: 3 }], path: ['missing'] },
          'USER_NOT_FOUND',
          '6001',
          null,
          { id: 2147483000 },
          requestId,
        ),
      ]);
    });

    it('answers each failing mutation field of one operation in its place', async () => {
      const [user, other] = [await createUser(), await createUser()];
      const query =
        `mutation { renamed: updateUser(id: ${user.id}, input: { display_name: "Ada" }) { display_name }\n` +
        `missing: updateUser(id: 2147483000, input: { display_name: "x" }) { id }\n` +
        `taken: updateUser(id: ${user.id}, input: { email: "${other.email}" }) { id } }`;
      const response = await send({ query }, withId());
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ renamed: { display_name: 'Ada' }, missing: null, taken: null });
      expect(response.body.errors).toEqual([
        entry(
          'No user has the id 2147483000.',
          { locations: [{ line: 2, column: 1 }], path: ['missing'] },
          'USER_NOT_FOUND',
          '6001',
          null,
          { id: 2147483000 },
          requestId,
        ),
        entry(
          'This email is already in use.',
          { locations: [{ line: 3, column: 1 }], path: ['taken'] },
          'EMAIL_TAKEN',
          '6002',
          'input.email',
          { columns: ['email'] },
          requestId,
        ),
      ]);
    });

    it('answers each operation of a batch in its own place', async () => {
      const user = await createUser();
      const response = await send(
        [{ query: `{ user(id: ${user.id}) { id } }` }, { query: '{ user(id: 2147483001) { id } }' }],
        withId(),
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        { data: { user: { id: user.id } } },
        expect.objectContaining({
          data: { user: null },
          errors: [
            entry(
              'No user has the id 2147483001.',
              { locations: [{ line: 1, column: 3 }], path: ['user'] },
              'USER_NOT_FOUND',
              '6001',
              null,
              { id: 2147483001 },
              requestId,
            ),
          ],
        }),
      ]);
    });
  });

  describe('createColumn, updateColumn', () => {
    async function createTable(): Promise<number> {
      const owner = await createUser();
      const created = await app
        .http()
        .post(`${API}/tables`)
        .send({ name: `t${uid()}`, owner_id: owner.id });
      expect(created.status).toBe(201);
      return created.body.id as number;
    }
    const CREATE_COLUMN =
      'mutation($table: Int!, $input: CreateColumnInput!) { createColumn(tableId: $table, input: $input) { id name } }';
    const AT_CREATE_COLUMN = { locations: [{ line: 1, column: 54 }], path: ['createColumn'] };

    it('answers every problem of the input together: a taken name and an unknown type', async () => {
      const table = await createTable();
      const first = await send({
        query: CREATE_COLUMN,
        variables: { table, input: { name: 'price', type: 'INTEGER' } },
      });
      expect(first.body.errors).toBeUndefined();
      const response = await send(
        { query: CREATE_COLUMN, variables: { table, input: { name: 'price', type: 'FOOD' } } },
        withId(),
      );
      expect(response.body.errors).toEqual([
        entry(
          'There is already a column with the same name.',
          AT_CREATE_COLUMN,
          'COLUMN_NAME_TAKEN',
          '6202',
          'input.name',
          null,
          requestId,
        ),
        entry(
          'FOOD is not a valid type.',
          AT_CREATE_COLUMN,
          'UNKNOWN_COLUMN_TYPE',
          '6203',
          'input.type',
          { available_types: AVAILABLE_TYPES },
          requestId,
        ),
      ]);
    });

    it('answers TABLE_NOT_FOUND and COLUMN_NOT_FOUND', async () => {
      const missingTable = await send(
        { query: CREATE_COLUMN, variables: { table: 2147483000, input: { name: 'a', type: 'TEXT' } } },
        withId(),
      );
      expect(missingTable.body.errors).toEqual([
        entry(
          'No table has the id 2147483000.',
          AT_CREATE_COLUMN,
          'TABLE_NOT_FOUND',
          '6101',
          null,
          { id: 2147483000 },
          requestId,
        ),
      ]);
      const missingColumn = await send(
        { query: 'mutation { updateColumn(id: 2147483000, input: { name: "b" }) { id } }' },
        withId(),
      );
      expect(missingColumn.body.errors).toEqual([
        entry(
          'No column has the id 2147483000.',
          { locations: [{ line: 1, column: 12 }], path: ['updateColumn'] },
          'COLUMN_NOT_FOUND',
          '6201',
          null,
          { id: 2147483000 },
          requestId,
        ),
      ]);
    });
  });

  it('answers the curl of docs/graphql.md with the answer shown there', async () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'graphql.md'), 'utf8');
    const body = /-d '(\{"query".*?)'\n/u.exec(page)?.[1];
    const shown = /```json\n([\s\S]*?)\n```/u.exec(page)?.[1];
    expect(body && shown).toBeTruthy();
    const response = await app
      .http()
      .post('/graphql')
      .set({ 'content-type': 'application/json', 'x-request-id': 'req-42' })
      .send(body!);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(shown!));
  });

  describe("GraphQL's own refusals: GraphQL's message, the library's code, 400", () => {
    const refusal = (message: string, column: number, code: string, errorCode: string) =>
      entry(message, { locations: [{ line: 1, column }] }, code, errorCode, null, null, requestId);

    it('a syntax error', async () => {
      const response = await send({ query: '{ user(id: 1) { id ' }, withId());
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        refusal('Syntax Error: Expected Name, found <EOF>.', 20, 'GRAPHQL_PARSE_FAILED', '1040'),
      ]);
    });

    it('an unknown field and a wrong argument type, each reported', async () => {
      const response = await send({ query: '{ nope user(id: "x") { id } }' }, withId());
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        refusal('Cannot query field "nope" on type "Query".', 3, 'GRAPHQL_VALIDATION_FAILED', '1041'),
        refusal('Int cannot represent non-integer value: "x"', 17, 'GRAPHQL_VALIDATION_FAILED', '1041'),
      ]);
    });

    it('a variable of the wrong type', async () => {
      const response = await send(
        { query: 'query($id: Int!) { user(id: $id) { id } }', variables: { id: 'x' } },
        withId(),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        refusal(
          'Variable "$id" got invalid value "x"; Int cannot represent non-integer value: "x"',
          7,
          'GRAPHQL_VALIDATION_FAILED',
          '1041',
        ),
      ]);
    });
  });

  if (kind === 'postgres') {
    // The multi-column constraint columns_table_id_name_key (table_id, name) answers on
    // input.name: a concurrent rename, not yet committed, is invisible to updateColumn's
    // own check, whose UPDATE then waits on the unique index and loses.
    it('answers COLUMN_NAME_TAKEN on input.name when a concurrent rename wins on columns_table_id_name_key', async () => {
      const owner = await createUser();
      const table = (
        await app
          .http()
          .post(`${API}/tables`)
          .send({ name: `t${uid()}`, owner_id: owner.id })
      ).body as {
        id: number;
      };
      const add = async (name: string) =>
        (await app.http().post(`${API}/tables/${table.id}/columns`).send({ name, type: 'TEXT' })).body as {
          id: number;
        };
      const [winner, loser] = [await add('a'), await add('b')];
      const rival = new Client({ connectionString: TEST_DATABASE_URL });
      await rival.connect();
      try {
        await rival.query('BEGIN');
        await rival.query(`UPDATE "${app.schemas.app}"."columns" SET name = 'c' WHERE id = $1`, [winner.id]);
        const [{ pid }] = (await rival.query('SELECT pg_backend_pid() AS pid')).rows as Array<{ pid: number }>;
        const query = `mutation { updateColumn(id: ${loser.id}, input: { name: "c" }) { id } }`;
        const pending = send({ query }, withId());
        for (let waited = 0; ; waited += 20) {
          const blocked = await rival.query(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
            [pid],
          );
          if ((blocked.rows[0] as { n: number }).n > 0) break;
          if (waited > 10_000) throw new Error('updateColumn never waited on the rival transaction.');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await rival.query('COMMIT');
        expect((await pending).body.errors).toEqual([
          entry(
            'There is already a column with the same name.',
            { locations: [{ line: 1, column: 12 }], path: ['updateColumn'] },
            'COLUMN_NAME_TAKEN',
            '6202',
            'input.name',
            { columns: ['table_id', 'name'] },
            requestId,
          ),
        ]);
      } finally {
        await rival.end();
      }
    });

    it('answers a unique violation by race with EMAIL_TAKEN for every loser', async () => {
      const name = `race${uid()}`;
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          send(
            { query: CREATE_USER, variables: { input: { email: `${name}@example.com`, username: `${name}${index}` } } },
            { 'x-request-id': `${requestId}-${index}` },
          ),
        ),
      );
      const losers = responses.filter((response) => response.body.errors);
      expect(responses.length - losers.length).toBe(1);
      losers.forEach((response) =>
        expect(response.body.errors).toEqual([
          entry(
            'This email is already in use.',
            AT_CREATE_USER,
            'EMAIL_TAKEN',
            '6002',
            'input.email',
            { columns: ['email'] },
            response.headers['x-request-id'] as string,
          ),
        ]),
      );
    });
  }
});

describe.each(ADAPTERS)('GraphQL when the DataSource is gone, on %s', (adapter) => {
  let app: SampleApp;
  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter, GRAPHQL_APP);
  });
  afterAll(async () => {
    await app?.close();
  });

  // A bug of the app's own: the client learns only that it failed and the request id.
  it('answers INTERNAL_ERROR with a generic message and the request id, nothing else', async () => {
    await app.app.get(DataSource).destroy();
    const requestId = `gql-${uid()}`;
    const response = await sendGraphQL(
      app,
      new AnsweredCodes(),
      { query: '{ user(id: 1) { id } }' },
      { 'x-request-id': requestId },
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ user: null });
    expect(response.body.errors).toEqual([
      entry(
        'Something went wrong on our side. Quote the request id if you report it.',
        { locations: [{ line: 1, column: 3 }], path: ['user'] },
        'INTERNAL_ERROR',
        '5000',
        null,
        { request_id: requestId },
        requestId,
      ),
    ]);
  });
});

const describeOnPostgres = POSTGRES_AVAILABLE ? describe.each(ADAPTERS) : describe.skip.each(ADAPTERS);

describeOnPostgres('GraphQL when the database is slow, on %s', (adapter) => {
  let app: SampleApp;
  const base = `sample_pg_gql_${process.pid}_${adapter}_${Math.random().toString(36).slice(2, 7)}`;
  const schemas = { app: base, userTables: `${base}_tables` };

  beforeAll(async () => {
    const url = new URL(TEST_DATABASE_URL);
    // A lock held by another session fails a statement after 300 ms (55P03), not never.
    url.searchParams.set('options', `-c search_path=${schemas.app} -c lock_timeout=300`);
    app = await startSampleApp('postgres', adapter, { url: url.toString(), schemas, ...GRAPHQL_APP });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers DATABASE_TIMEOUT with details.retry_after_seconds and the request id', async () => {
    const holder = new Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE "${schemas.app}".users IN ACCESS EXCLUSIVE MODE`);
      const requestId = `gql-${uid()}`;
      const response = await sendGraphQL(
        app,
        new AnsweredCodes(),
        { query: CREATE_USER, variables: { input: { email: `${uid()}@example.com`, username: `u${uid()}` } } },
        { 'x-request-id': requestId },
      );
      expect(response.status).toBe(200);
      expect(response.body.errors).toEqual([
        entry(
          'The database did not answer in time. Try again later.',
          AT_CREATE_USER,
          'DATABASE_TIMEOUT',
          '3030',
          null,
          { request_id: requestId, retry_after_seconds: 1, retryable: true },
          requestId,
        ),
      ]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });
});

describeOnPostgres('GraphQL when the database connection is lost, on %s', (adapter) => {
  let app: SampleApp;
  const base = `sample_pg_gqlx_${process.pid}_${adapter}_${Math.random().toString(36).slice(2, 7)}`;
  const schemas = { app: base, userTables: `${base}_tables` };

  beforeAll(async () => {
    const url = new URL(TEST_DATABASE_URL);
    // Names this app's sessions, so the test ends its own and no one else's.
    url.searchParams.set('application_name', base);
    url.searchParams.set('options', `-c search_path=${schemas.app}`);
    app = await startSampleApp('postgres', adapter, { url: url.toString(), schemas, ...GRAPHQL_APP });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers DATABASE_UNAVAILABLE with details.retry_after_seconds when the server ends the session mid-statement', async () => {
    const holder = new Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE "${schemas.app}".users IN ACCESS EXCLUSIVE MODE`);
      const requestId = `gql-${uid()}`;
      const pending = sendGraphQL(
        app,
        new AnsweredCodes(),
        { query: CREATE_USER, variables: { input: { email: `${uid()}@example.com`, username: `u${uid()}` } } },
        { 'x-request-id': requestId },
      );
      // The app's statement waits on the lock; its session is ended (57P01) while it does.
      for (let waited = 0; ; waited += 20) {
        const ended = await holder.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [base],
        );
        if ((ended.rows[0] as { n: number }).n > 0) break;
        if (waited > 10_000) throw new Error('The statement never waited on the lock.');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const response = await pending;
      expect(response.status).toBe(200);
      expect(response.body.errors).toEqual([
        entry(
          'The database is temporarily unavailable. Try again later.',
          AT_CREATE_USER,
          'DATABASE_UNAVAILABLE',
          '3031',
          null,
          { request_id: requestId, retry_after_seconds: 1, retryable: true },
          requestId,
        ),
      ]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });
});
