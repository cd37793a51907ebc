import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildApiDocument } from '../../src/api-docs';
import { ADAPTERS, SampleApp, startSampleApp } from './support/app-harness';

jest.setTimeout(120_000);

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..');
const bin = (path: string) => join(ROOT, 'node_modules', path);

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, Record<string, unknown>> }>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
}

/**
 * Validates with @seriousme/openapi-schema-validator (the official JSON schemas of
 * OpenAPI 3.0 and 3.1). It is an ES module, so it runs in a child Node process.
 */
async function validate(file: string): Promise<{ valid: boolean; version: string; errors: unknown }> {
  const script = `
    import { readFileSync } from 'node:fs';
    import { Validator } from '@seriousme/openapi-schema-validator';
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(readFileSync(process.argv[1], 'utf8')));
    process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, file], { cwd: ROOT });
  return JSON.parse(stdout);
}

/** A client of POST /api/v0/users that narrows its error responses on `error_code`. */
const CLIENT = `
import type { paths } from './api';

type CreateUser = paths['/api/v0/users']['post'];
type BadRequest = CreateUser['responses'][400]['content']['application/json'][number];
type Conflict = CreateUser['responses'][409]['content']['application/json'][number];
type CreateUserError = BadRequest | Conflict;

/** What a sign-up form shows for each error: the code decides, and each code has its own details. */
export function explain(errors: CreateUserError[]): string[] {
  return errors.map((error) => {
    switch (error.error_code) {
      case '6002':
        return 'That email is taken (' + error.details.columns.join(', ') + ').';
      case '6003':
        return 'That username is taken.';
      case '2051':
        return (error.field ?? 'A value') + ' is too long.';
      default:
        return error.message;
    }
  });
}

type IsNever<T> = [T] extends [never] ? true : false;
type IsUnknown<T> = unknown extends T ? true : false;
export const errorTypeIsNotNever: IsNever<CreateUserError> = false;
export const errorTypeIsNotUnknown: IsUnknown<CreateUserError> = false;
export const codeIsNotAnyString: string extends CreateUserError['error_code'] ? true : false = false;

export const conflictCodes: Array<Conflict['error_code']> = ['6002', '6003'];
// @ts-expect-error 2001 (BODY_NOT_OBJECT) is answered with 400, never with 409
export const notAConflict: Conflict['error_code'] = '2001';
// @ts-expect-error EMAIL_TAKEN's details have no such key
export const noSuchDetail = (error: Extract<Conflict, { error_code: '6002' }>) => error.details.nope;
`;

/**
 * A real call of every operation through a small typed fetch wrapper, as a client would
 * write it with the generated `paths`: the request (path ids, query, body) is typed from
 * the document, and so is each answer, success and error side, narrowed on the status.
 */
const CALLS = `
import type { paths } from './api';

type Method = 'get' | 'post' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type Answer<O> = O extends { responses: infer R }
  ? { [S in keyof R]: { status: S; body: JsonOf<R[S]> } }[keyof R]
  : never;
type PathOf<O> = O extends { parameters: { path: infer T } } ? ([T] extends [undefined] ? {} : { path: T }) : {};
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [undefined] ? {} : { query?: Q }) : {};
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? { body: B } : {};
type Init<O> = PathOf<O> & QueryOf<O> & BodyOf<O>;

declare const fetch: (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

export async function call<P extends keyof paths, M extends Method & keyof paths[P]>(
  path: P,
  method: M,
  init: Init<paths[P][M]>,
): Promise<Answer<paths[P][M]>> {
  const given = init as { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = String(path).replace(/{(\\w+)}/g, (_, name: string) => String(given.path?.[name]));
  const query = new URLSearchParams(Object.entries(given.query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  const response = await fetch('http://localhost:3000' + url + (query ? '?' + query : ''), {
    method: String(method).toUpperCase(),
    headers: { 'content-type': 'application/json' },
    body: given.body === undefined ? undefined : JSON.stringify(given.body),
  });
  const body = response.status === 204 ? undefined : await response.json();
  return { status: response.status, body } as Answer<paths[P][M]>;
}

const fieldsOf = (errors: Array<{ error_code: string; field: string | null }>) => errors.map((e) => e.field);

export async function everyOperation(): Promise<unknown[]> {
  const seen: unknown[] = [];
  const created = await call('/api/v0/users', 'post', {
    body: { email: 'ada@example.com', username: 'ada', profile: { links: [{ label: 'l', url: 'https://e.com' }] } },
  });
  if (created.status === 201) {
    const id: number = created.body.id;
    const name: string | null = created.body.display_name;
    seen.push(id, name, created.body.profile?.links?.[0].url);
  } else if (created.status === 409) {
    for (const error of created.body) {
      if (error.error_code === '6002') {
        const field: 'email' = error.field;
        seen.push(field, error.details.columns);
      }
    }
  } else if (created.status === 400) {
    seen.push(fieldsOf(created.body));
  }
  const page = await call('/api/v0/users', 'get', { query: { limit: 10, offset: 0 } });
  if (page.status === 200) seen.push(page.body.count, page.body.results.map((user) => user.email));
  const one = await call('/api/v0/users/{id}', 'get', { path: { id: 1 } });
  if (one.status === 200) seen.push(one.body.username);
  if (one.status === 404) seen.push(one.body[0].error_code === '6001' ? one.body[0].details : null);
  const renamed = await call('/api/v0/users/{id}', 'patch', { path: { id: 1 }, body: { display_name: 'Ada' } });
  if (renamed.status === 200) seen.push(renamed.body.display_name);
  const removed = await call('/api/v0/users/{id}', 'delete', { path: { id: 1 } });
  if (removed.status === 204) seen.push(removed.body);
  if (removed.status === 409) seen.push(removed.body.map((error) => error.error_code));

  const table = await call('/api/v0/tables', 'post', { body: { name: 'books', owner_id: 1 } });
  if (table.status === 201) seen.push(table.body.columns.length);
  if (table.status === 409) seen.push(table.body[0].field);
  const found = await call('/api/v0/tables/{id}', 'get', { path: { id: 1 } });
  if (found.status === 200) seen.push(found.body.owner_id);
  const column = await call('/api/v0/tables/{tableId}/columns', 'post', {
    path: { tableId: 1 },
    body: { name: 'title', type: 'VARCHAR', type_options: { length: 80 } },
  });
  if (column.status === 201) seen.push(column.body.type_options);
  if (column.status === 400) seen.push(fieldsOf(column.body));
  const constraint = await call('/api/v0/tables/{tableId}/constraints', 'post', {
    path: { tableId: 1 },
    body: { type: 'unique', columns: ['title'] },
  });
  if (constraint.status === 201) seen.push(constraint.body.columns);
  const record = await call('/api/v0/tables/{tableId}/records', 'post', {
    path: { tableId: 1 },
    body: { values: { title: 'Dune', pages: 412, signed: true, note: null } },
  });
  if (record.status === 201) seen.push(record.body.values);
  const records = await call('/api/v0/tables/{tableId}/records', 'get', { path: { tableId: 1 }, query: { limit: 5 } });
  if (records.status === 200) seen.push(records.body.results[0]?.id);
  const changed = await call('/api/v0/columns/{id}', 'patch', { path: { id: 1 }, body: { type: 'TEXT', type_options: null } });
  if (changed.status === 200) seen.push(changed.body.name);
  const dropped = await call('/api/v0/columns/{id}', 'delete', { path: { id: 1 } });
  seen.push(dropped.status);
  const gone = await call('/api/v0/tables/{id}', 'delete', { path: { id: 1 } });
  seen.push(gone.status);
  const entry = await call('/errors/{code}', 'get', { path: { code: '2056' } });
  if (entry.status === 200) seen.push(entry.body.messages, entry.body.routes);
  if (entry.status === 404) seen.push(entry.body[0].error_code === '1035' ? entry.body[0].details.code : null);
  const list = await call('/errors', 'get', {});
  if (list.status === 200) seen.push(list.body.map((item) => item.code));
  return seen;
}

// @ts-expect-error a user needs a username
export const noUsername = () => call('/api/v0/users', 'post', { body: { email: 'a@b.co' } });
// @ts-expect-error ids are numbers
export const stringId = () => call('/api/v0/users/{id}', 'get', { path: { id: 'abc' } });
// @ts-expect-error limit is a number
export const stringLimit = () => call('/api/v0/users', 'get', { query: { limit: 'ten' } });
`;

async function typecheckClient(document: object, dir: string): Promise<void> {
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
  await run(process.execPath, [bin('openapi-typescript/bin/cli.js'), 'openapi.json', '-o', 'api.ts'], { cwd: dir });
  writeFileSync(join(dir, 'client.ts'), CLIENT);
  writeFileSync(join(dir, 'calls.ts'), CALLS);
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler'];
  // tsc exits non-zero on any type error (an unused @ts-expect-error included): run() rejects with its output.
  await run(process.execPath, [bin('typescript/bin/tsc'), ...args, 'client.ts', 'calls.ts'], { cwd: dir }).catch(
    (error: { stdout?: string }) => {
      throw new Error(`The typed client does not type-check:\n${error.stdout ?? String(error)}`);
    },
  );
}

describe('the OpenAPI document of the sample app', () => {
  const served: Record<string, Document> = {};
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'openapi-document-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe.each(ADAPTERS)('served on %s', (adapter) => {
    let app: SampleApp;
    beforeAll(async () => {
      app = await startSampleApp('pglite', adapter);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('is at /api/docs-json, valid OpenAPI 3.0, with error responses and codes on every operation', async () => {
      const response = await app.http().get('/api/docs-json');
      expect(response.status).toBe(200);
      const document = response.body as Document;
      served[adapter] = document;
      const file = join(dir, `served-${adapter}.json`);
      writeFileSync(file, JSON.stringify(document));
      expect(await validate(file)).toEqual({ valid: true, version: '3.0', errors: null });

      const operations = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
      );
      expect(operations.map(({ name }) => name)).toEqual(
        expect.arrayContaining(['POST /api/v0/users', 'GET /api/v0/users/{id}', 'PATCH /api/v0/columns/{id}']),
      );
      for (const { name, operation } of operations) {
        const statuses = Object.keys(operation.responses);
        // The error code catalogue is served from memory: no database, no 503.
        const shared = name.startsWith('GET /errors') ? ['500'] : ['500', '503'];
        expect({ name, shared: statuses.filter((status) => status >= '500') }).toEqual({ name, shared });
        const clientErrors = statuses.filter((status) => status >= '400' && status < '500');
        expect({ name, clientErrors: clientErrors.length > 0 }).toEqual({ name, clientErrors: true });
        for (const status of clientErrors) {
          const refs = JSON.stringify(operation.responses[status]).match(/#\/components\/schemas\/ApiError\d{4}/gu);
          expect(refs?.length).toBeGreaterThan(0);
          for (const ref of refs ?? []) expect(document.components.schemas[ref.split('/').pop()!]).toBeDefined();
        }
        // Both media types of the contract: the array, and RFC 9457 Problem Details.
        for (const status of [...clientErrors, ...shared]) {
          const entry = operation.responses[status] as { $ref?: string; content?: object };
          const response = entry.$ref ? document.components.responses[entry.$ref.split('/').pop()!] : entry;
          const content = (response as { content?: object }).content ?? {};
          expect({ name, status, types: Object.keys(content) }).toEqual({
            name,
            status,
            types: ['application/json', 'application/problem+json'],
          });
        }
      }
      expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['ApiError', 'ProblemDetails']));
    });

    it('shows Swagger UI at /api/docs', async () => {
      const response = await app.http().get('/api/docs');
      expect(response.status).toBe(200);
      expect(response.text).toContain('<div id="swagger-ui"></div>');
    });

    if (adapter === 'fastify') {
      it('is the same document on both adapters', () => {
        expect(served.fastify).toEqual(served.express);
      });

      it('is valid OpenAPI 3.1 when @nestjs/swagger writes 3.1', async () => {
        const document = buildApiDocument(app.app, '3.1.0');
        const file = join(dir, 'openapi-3.1.json');
        writeFileSync(file, JSON.stringify(document));
        expect(await validate(file)).toEqual({ valid: true, version: '3.1', errors: null });
        expect(JSON.stringify(document)).not.toContain('"nullable"');
      });

      it.each(['3.0.0', '3.1.0'])(
        'gives openapi-typescript (%s) types for a real call of every operation, narrowed on status, error_code and field',
        async (openapi) => {
          const clientDir = mkdtempSync(join(dir, 'client-'));
          await typecheckClient(buildApiDocument(app.app, openapi), clientDir);
        },
      );
    }
  });
});
