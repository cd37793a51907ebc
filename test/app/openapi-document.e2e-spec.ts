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

async function typecheckClient(document: object, dir: string): Promise<void> {
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
  await run(process.execPath, [bin('openapi-typescript/bin/cli.js'), 'openapi.json', '-o', 'api.ts'], { cwd: dir });
  writeFileSync(join(dir, 'client.ts'), CLIENT);
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler'];
  // tsc exits non-zero on any type error (an unused @ts-expect-error included): run() rejects with its output.
  await run(process.execPath, [bin('typescript/bin/tsc'), ...args, 'client.ts'], { cwd: dir }).catch(
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
        expect({ name, shared: statuses.filter((status) => status >= '500') }).toEqual({
          name,
          shared: ['500', '503'],
        });
        const clientErrors = statuses.filter((status) => status >= '400' && status < '500');
        expect({ name, clientErrors: clientErrors.length > 0 }).toEqual({ name, clientErrors: true });
        for (const status of clientErrors) {
          const refs = JSON.stringify(operation.responses[status]).match(/#\/components\/schemas\/ApiError\d{4}/gu);
          expect(refs?.length).toBeGreaterThan(0);
          for (const ref of refs ?? []) expect(document.components.schemas[ref.split('/').pop()!]).toBeDefined();
        }
        // Both media types of the contract: the array, and RFC 9457 Problem Details.
        for (const status of [...clientErrors, '500', '503']) {
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
        'gives openapi-typescript (%s) error types a client can narrow on error_code',
        async (openapi) => {
          const clientDir = mkdtempSync(join(dir, 'client-'));
          await typecheckClient(buildApiDocument(app.app, openapi), clientDir);
        },
      );
    }
  });
});
