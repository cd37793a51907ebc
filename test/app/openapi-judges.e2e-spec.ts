import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildApiDocument } from '../../src/api-docs';
import { ADAPTERS, API, SampleApp, startSampleApp, uid } from './support/app-harness';
import { Exchange, OpenApi, violationsOf } from './support/judges/response-validation';

jest.setTimeout(300_000);

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');

/**
 * Spectral's warnings the document keeps, by rule, and why (docs/openapi.md lists them too).
 * Errors are never accepted.
 */
const ACCEPTED_WARNINGS: Record<string, string> = {
  'info-contact': 'The sample app names no contact.',
  'oas3-api-servers': 'The document is served by the API itself; clients use its origin.',
  'operation-description': 'The summaries, schemas and per-status tables describe each operation.',
};

interface SpectralResult {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

async function spectral(file: string, dir: string): Promise<SpectralResult[]> {
  const ruleset = join(dir, '.spectral.yaml');
  writeFileSync(ruleset, 'extends: ["spectral:oas"]\n');
  const cli = join(ROOT, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
  const args = [cli, 'lint', file, '--ruleset', ruleset, '--format', 'json', '--fail-severity', 'error', '--quiet'];
  // Spectral exits 1 when it found errors; its JSON report is on stdout either way.
  const { stdout } = await run(process.execPath, args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`Spectral failed: ${error.stderr ?? String(error)}`);
      return { stdout: error.stdout };
    },
  );
  return stdout.trim() === '' ? [] : (JSON.parse(stdout) as SpectralResult[]);
}

describe('the OpenAPI document judged by Spectral (spectral:oas)', () => {
  let app: SampleApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spectral-'));
    app = await startSampleApp('pglite', 'express');
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['3.0.0', '3.1.0'])('OpenAPI %s: no error, and only the accepted warnings', async (openapi) => {
    const file = join(dir, `openapi-${openapi}.json`);
    writeFileSync(file, JSON.stringify(buildApiDocument(app.app, openapi)));
    const results = await spectral(file, dir);
    const errors = results.filter((result) => result.severity === 0);
    expect(errors.map((error) => `${error.code} at ${error.path.join('.')}: ${error.message}`)).toEqual([]);
    const warnings = [...new Set(results.filter((result) => result.severity === 1).map((result) => result.code))];
    expect(warnings.filter((code) => !(code in ACCEPTED_WARNINGS))).toEqual([]);
  });
});

/** One request of the varied set, built once the ids it needs exist. */
interface Probe {
  label: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: string;
  body?: unknown;
  /** Sent as it is, with this Content-Type (malformed JSON, another media type...). */
  raw?: { contentType: string; text: string | Buffer; encoding?: string };
}

/** Per request, four ways to ask: the array or Problem Details, in English or German. */
const VARIANTS: ReadonlyArray<Record<string, string>> = [
  {},
  { 'Accept-Language': 'de' },
  { Accept: 'application/problem+json' },
  { Accept: 'application/problem+json', 'Accept-Language': 'de-CH, en;q=0.5' },
];

function probes(ids: { user: number; owner: number; table: number; column: number; name: string }): Probe[] {
  const user = `${API}/users/${ids.user}`;
  const table = `${API}/tables/${ids.table}`;
  const n = ids.name;
  return [
    // Users: valid, each kind of invalid, not found, conflicts.
    { label: 'create user', method: 'POST', path: `${API}/users`, body: { email: `${n}@example.com`, username: n } },
    {
      label: 'create user, full',
      method: 'POST',
      path: `${API}/users`,
      body: {
        email: `f${n}@example.com`,
        username: `f${n}`,
        display_name: 'F',
        profile: { bio: 'b', website: 'https://example.com', links: [{ label: 'l', url: 'https://example.com/l' }] },
      },
    },
    { label: 'create user, invalid', method: 'POST', path: `${API}/users`, body: { email: 'no', username: 5 } },
    { label: 'create user, empty', method: 'POST', path: `${API}/users`, body: {} },
    {
      label: 'create user, unknown key',
      method: 'POST',
      path: `${API}/users`,
      body: { email: 'a@b.co', username: 'a', x: 1 },
    },
    {
      label: 'create user, bad nested',
      method: 'POST',
      path: `${API}/users`,
      body: { email: 'a@b.co', username: 'a', profile: { links: [{ label: '', url: 'nope' }, 3] } },
    },
    {
      label: 'create user, email taken',
      method: 'POST',
      path: `${API}/users`,
      body: { email: `${n}@example.com`, username: `x${n}` },
    },
    {
      label: 'create user, username rules',
      method: 'POST',
      path: `${API}/users`,
      body: { email: `y${n}@example.com`, username: 'no spaces!' },
    },
    {
      label: 'create user, NUL',
      method: 'POST',
      path: `${API}/users`,
      body: { email: `z${n}@example.com`, username: `z${n}`, display_name: 'a\u0000b' },
    },
    {
      label: 'create user, lone surrogate',
      method: 'POST',
      path: `${API}/users`,
      body: { email: '\ud800@b.co', username: 'a' },
    },
    { label: 'list users', method: 'GET', path: `${API}/users`, query: 'limit=2&offset=0' },
    { label: 'list users, bad page', method: 'GET', path: `${API}/users`, query: 'limit=0&offset=abc' },
    { label: 'list users, unknown query key', method: 'GET', path: `${API}/users`, query: 'sort=name' },
    { label: 'get user', method: 'GET', path: user },
    { label: 'get user, missing', method: 'GET', path: `${API}/users/2147483647` },
    { label: 'get user, not an id', method: 'GET', path: `${API}/users/abc` },
    { label: 'get user, 0', method: 'GET', path: `${API}/users/0` },
    { label: 'get user, too large', method: 'GET', path: `${API}/users/99999999999` },
    { label: 'get user, broken escape', method: 'GET', path: `${API}/users/%zz` },
    { label: 'update user', method: 'PATCH', path: user, body: { display_name: 'Renamed' } },
    { label: 'update user, invalid', method: 'PATCH', path: user, body: { email: null, profile: 'x' } },
    { label: 'update user, missing', method: 'PATCH', path: `${API}/users/2147483647`, body: { display_name: 'x' } },
    { label: 'delete user, owns a table', method: 'DELETE', path: `${API}/users/${ids.owner}` },
    { label: 'delete user, missing', method: 'DELETE', path: `${API}/users/2147483647` },
    // Tables, columns, constraints, records.
    { label: 'create table', method: 'POST', path: `${API}/tables`, body: { name: `t${n}`, owner_id: ids.owner } },
    {
      label: 'create table, taken',
      method: 'POST',
      path: `${API}/tables`,
      body: { name: `t${n}`, owner_id: ids.owner },
    },
    {
      label: 'create table, no owner',
      method: 'POST',
      path: `${API}/tables`,
      body: { name: `o${n}`, owner_id: 2147483647 },
    },
    { label: 'create table, invalid', method: 'POST', path: `${API}/tables`, body: { name: 'bad name', owner_id: 0 } },
    { label: 'get table', method: 'GET', path: table },
    { label: 'get table, missing', method: 'GET', path: `${API}/tables/2147483647` },
    {
      label: 'add column',
      method: 'POST',
      path: `${table}/columns`,
      body: { name: `c${n}`, type: 'VARCHAR', type_options: { length: 5 } },
    },
    { label: 'add column, taken', method: 'POST', path: `${table}/columns`, body: { name: 'title', type: 'TEXT' } },
    {
      label: 'add column, bad type',
      method: 'POST',
      path: `${table}/columns`,
      body: { name: 'x', type: 'FOOD', type_options: { a: 1 } },
    },
    {
      label: 'add column, bad options',
      method: 'POST',
      path: `${table}/columns`,
      body: { name: 'y', type: 'NUMERIC', type_options: { precision: 0, nope: 1 } },
    },
    {
      label: 'add column, no table',
      method: 'POST',
      path: `${API}/tables/2147483647/columns`,
      body: { name: 'z', type: 'TEXT' },
    },
    {
      label: 'add constraint',
      method: 'POST',
      path: `${table}/constraints`,
      body: { type: 'unique', columns: ['title'] },
    },
    {
      label: 'add constraint, unknown columns',
      method: 'POST',
      path: `${table}/constraints`,
      body: { type: 'unique', columns: ['a', 'b'] },
    },
    {
      label: 'add constraint, invalid',
      method: 'POST',
      path: `${table}/constraints`,
      body: { type: 'check', columns: [] },
    },
    { label: 'add record', method: 'POST', path: `${table}/records`, body: { values: { title: 'Dune' } } },
    { label: 'add record, duplicate', method: 'POST', path: `${table}/records`, body: { values: { title: 'Dune' } } },
    {
      label: 'add record, bad values',
      method: 'POST',
      path: `${table}/records`,
      body: { values: { nope: 1, title: { a: 1 } } },
    },
    {
      label: 'add record, too long',
      method: 'POST',
      path: `${table}/records`,
      body: { values: { [`c${n}`]: 'much too long' } },
    },
    { label: 'list records', method: 'GET', path: `${table}/records`, query: 'limit=5' },
    { label: 'list records, bad page', method: 'GET', path: `${table}/records`, query: 'limit=500' },
    {
      label: 'update column',
      method: 'PATCH',
      path: `${API}/columns/${ids.column}`,
      body: { type: 'TEXT', type_options: null },
    },
    {
      label: 'update column, invalid',
      method: 'PATCH',
      path: `${API}/columns/${ids.column}`,
      body: { name: null, type: 7 },
    },
    {
      label: 'update column, not convertible',
      method: 'PATCH',
      path: `${API}/columns/${ids.column}`,
      body: { type: 'INTEGER' },
    },
    { label: 'update column, missing', method: 'PATCH', path: `${API}/columns/2147483647`, body: { name: 'x' } },
    { label: 'delete column, missing', method: 'DELETE', path: `${API}/columns/2147483647` },
    { label: 'delete table, missing', method: 'DELETE', path: `${API}/tables/2147483647` },
    // Odd encodings, media types and bodies.
    {
      label: 'malformed JSON',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: '{"a":' },
    },
    {
      label: 'empty JSON body',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: '' },
    },
    {
      label: 'JSON that is no object',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: '"x"' },
    },
    { label: 'text/xml body', method: 'POST', path: `${API}/users`, raw: { contentType: 'text/xml', text: '<a/>' } },
    {
      label: 'latin1 charset',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json; charset=latin1', text: '{}' },
    },
    {
      label: 'invalid UTF-8',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) },
    },
    {
      label: 'too large',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: `{"a":"${'x'.repeat(200_000)}"}` },
    },
    {
      label: 'gzip that is not',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: '{}', encoding: 'gzip' },
    },
    {
      label: 'unknown encoding',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: '{}', encoding: 'xyz' },
    },
    {
      label: 'bad body on GET',
      method: 'GET',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: '{"a":' },
    },
    {
      label: 'bad body on DELETE',
      method: 'DELETE',
      path: `${API}/users/2147483647`,
      raw: { contentType: 'application/json', text: '[' },
    },
    {
      label: 'nesting too deep',
      method: 'POST',
      path: `${API}/users`,
      raw: { contentType: 'application/json', text: `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}` },
    },
    // The catalogue.
    { label: 'catalogue', method: 'GET', path: '/errors' },
    { label: 'catalogue entry', method: 'GET', path: '/errors/2056' },
    { label: 'catalogue, unknown code', method: 'GET', path: '/errors/9999' },
    // Last: delete what exists.
    { label: 'delete column', method: 'DELETE', path: `${API}/columns/${ids.column}` },
    { label: 'delete table', method: 'DELETE', path: table },
    { label: 'delete user', method: 'DELETE', path: user },
  ];
}

describe.each(ADAPTERS)('every answer of the sample app on %s validated against its document', (adapter) => {
  let app: SampleApp;
  beforeAll(async () => {
    app = await startSampleApp('pglite', adapter);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function send(probe: Probe, headers: Record<string, string>): Promise<Exchange> {
    const url = probe.query ? `${probe.path}?${probe.query}` : probe.path;
    let request = app.http()[probe.method.toLowerCase() as 'get'](url).set('Accept', 'application/json');
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    if (probe.raw) {
      request = request.set('Content-Type', probe.raw.contentType);
      if (probe.raw.encoding) request = request.set('Content-Encoding', probe.raw.encoding);
      request = request.send(probe.raw.text as string);
    } else if (probe.body !== undefined) {
      request = request.send(probe.body as object);
    }
    const response = await request.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
    const text = response.body as string;
    const contentType = response.headers['content-type'] as string | undefined;
    const body = text === '' ? undefined : /json/u.test(contentType ?? '') ? (JSON.parse(text) as unknown) : text;
    const variant = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join(', ');
    return {
      method: probe.method,
      path: probe.path,
      status: response.status,
      contentType,
      body,
      label: `${probe.method} ${url} (${probe.label}${variant ? `; ${variant}` : ''})`,
    };
  }

  it('answers every route, valid and invalid, both media types and languages: zero violations', async () => {
    const document = (await app.http().get('/api/docs-json')).body as OpenApi;
    const n = `j${uid()}`;
    const created = async (path: string, body: object) => {
      const response = await app.http().post(`${API}${path}`).send(body);
      expect(response.status).toBe(201);
      return (response.body as { id: number }).id;
    };
    const user = await created('/users', { email: `u${n}@example.com`, username: `u${n}` });
    const owner = await created('/users', { email: `o${n}@example.com`, username: `o${n}` });
    const table = await created('/tables', { name: `b${n}`, owner_id: owner });
    const column = await created(`/tables/${table}/columns`, {
      name: 'title',
      type: 'VARCHAR',
      type_options: { length: 20 },
    });
    await app.http().post(`${API}/tables/${table}/columns`).send({ name: 'pages', type: 'INTEGER' });
    await app
      .http()
      .post(`${API}/tables/${table}/records`)
      .send({ values: { title: 'not a number' } });

    const violations: string[] = [];
    const statuses = new Map<number, number>();
    let exchanges = 0;
    for (const [index, headers] of VARIANTS.entries()) {
      for (const probe of probes({ user, owner, table, column, name: `${n}v${index}` })) {
        const exchange = await send(probe, headers);
        exchanges += 1;
        statuses.set(exchange.status, (statuses.get(exchange.status) ?? 0) + 1);
        violations.push(...violationsOf(document, exchange));
      }
    }
    process.stdout.write(
      `${adapter}: ${exchanges} answers validated; statuses ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}x${count}`)
        .join(' ')}\n`,
    );
    expect(violations).toEqual([]);
    // The set reaches the success side and the error side.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 201, 204, 400, 404, 409, 413, 415]));
  });
});
