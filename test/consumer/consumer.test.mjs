// The consumer test: the package as a NestJS 12 user gets it from npm. It packs
// nest-error-contract, installs the tarball and its peers from the registry into fresh
// apps in a temporary directory outside the repository (one ESM, one CommonJS, written
// as the NestJS 12 schematics scaffold them), compiles them with tsc, starts each with
// `node dist/main.js` on Express and on Fastify against the real PostgreSQL server, and
// asserts the exact answers a client gets. A third app without TypeORM or pg proves the
// root entry needs neither. A GraphQL app (ESM and CommonJS; Apollo on Express,
// Mercurius on Fastify) uses nest-error-contract/graphql. publint and arethetypeswrong
// check the tarball itself.
//
// `npm run test:consumer` (CI runs it after `npm test`). Jest does not run it: it needs
// the registry and takes minutes. It is a plain `node:test` file because it drives
// processes and a temporary npm project, not modules that jest would load.
// CONSUMER_TEST_KEEP=1 keeps the temporary directory for a look after the run.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startApp } from './support/app-process.mjs';
import {
  REPOSITORY,
  compileApp,
  createConsumerRoot,
  installDependencies,
  packLibrary,
  writeApp,
} from './support/consumer-apps.mjs';
import { DATABASE_URL, createSchema, unreachableReason } from './support/database.mjs';
import { GENERATED_REQUEST_ID, assertContractAnswer, send, sendJson } from './support/http.mjs';
import { arethetypeswrong, publint } from './support/package-checks.mjs';
import { run, timed } from './support/run.mjs';

const FLAVOURS = ['esm', 'cjs'];
const ADAPTERS = ['express', 'fastify'];
const SETUP_TIMEOUT = 10 * 60_000;
const RUN_ID = `${process.pid}_${Date.now().toString(36)}`;

const [major, minor] = process.versions.node.split('.').map(Number);
assert.ok(major > 20 || (major === 20 && minor >= 19), `Node ${process.versions.node}: the package needs >= 20.19.`);

// Without the server the database apps cannot run. Locally that skips them with a
// message; in CI (CI or REQUIRE_POSTGRES=1) it is a failure.
const serverMissing = await unreachableReason();
const databaseRequired = Boolean(process.env.CI) || process.env.REQUIRE_POSTGRES === '1';
if (serverMissing && databaseRequired) {
  throw new Error(`No PostgreSQL server at ${DATABASE_URL} (${serverMissing}); the consumer test needs it in CI.`);
}
if (serverMissing) {
  console.log(`# SKIPPING the apps with a database: no PostgreSQL server at ${DATABASE_URL} (${serverMissing}).`);
}

/** The temporary directory and what is built in it, shared by every suite below. */
const consumer = {};

before(
  async () => {
    consumer.root = await mkdtemp(join(tmpdir(), 'nest-error-contract-consumer-'));
    assert.ok(
      relative(REPOSITORY, consumer.root).startsWith('..'),
      'The consumer apps must live outside the repository.',
    );
    console.log(`# consumer apps in ${consumer.root}`);
    consumer.tarball = await timed('npm pack -w nest-error-contract (prepack builds it)', () =>
      packLibrary(consumer.root),
    );
    consumer.withDatabase = await createConsumerRoot(join(consumer.root, 'with-typeorm'), consumer.tarball, {
      withDatabase: true,
    });
    consumer.withoutDatabase = await createConsumerRoot(join(consumer.root, 'without-typeorm'), consumer.tarball, {
      withDatabase: false,
    });
    consumer.withGraphQL = await createConsumerRoot(join(consumer.root, 'with-graphql'), consumer.tarball, {
      withDatabase: false,
      withGraphQL: true,
    });
    // Independent npm projects; npm's cache is safe to share between them.
    await timed('npm install: the three projects (tarball, peers; TypeORM, pg, Fastify; GraphQL)', () =>
      Promise.all([
        installDependencies(consumer.withDatabase),
        installDependencies(consumer.withoutDatabase),
        installDependencies(consumer.withGraphQL),
      ]),
    );
    for (const flavour of FLAVOURS) await writeApp(join(consumer.withDatabase, flavour), 'app', flavour);
    for (const flavour of FLAVOURS) await writeApp(join(consumer.withGraphQL, flavour), 'graphql-app', flavour);
    await writeApp(join(consumer.withoutDatabase, 'esm'), 'minimal-app', 'esm');
    // tsc is single-threaded: the three compilations share the two cores.
    await timed('tsc: the ESM, CommonJS, GraphQL and minimal apps', () =>
      Promise.all([
        ...FLAVOURS.map((flavour) => compileApp(join(consumer.withDatabase, flavour), consumer.withDatabase)),
        ...FLAVOURS.map((flavour) => compileApp(join(consumer.withGraphQL, flavour), consumer.withGraphQL)),
        compileApp(join(consumer.withoutDatabase, 'esm'), consumer.withoutDatabase),
      ]),
    );
  },
  { timeout: SETUP_TIMEOUT },
);

after(async () => {
  if (!consumer.root) return;
  if (process.env.CONSUMER_TEST_KEEP === '1') console.log(`# kept ${consumer.root}`);
  else await rm(consumer.root, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('passes publint', async () => {
    console.log(await publint(consumer.tarball));
  });

  it('passes arethetypeswrong for the engines it supports', async () => {
    console.log(await arethetypeswrong(consumer.tarball));
  });
});

describe('the CommonJS app', () => {
  it('loads the package with require() (Node 20.19+ require(esm))', async () => {
    const app = join(consumer.withDatabase, 'cjs');
    const compiled = await readFile(join(app, 'dist/app.module.js'), 'utf8');
    assert.match(compiled, /require\("nest-error-contract"\)/u);
    const script = `
      const root = require('nest-error-contract');
      const typeorm = require('nest-error-contract/typeorm');
      console.log(typeof root.ErrorsModule, typeof root.ContractValidationPipe, typeof root.ContractStandardSchemaPipe, typeof typeorm.createDatabaseTranslator);`;
    const output = await run(process.execPath, ['-e', script], { cwd: app });
    assert.equal(output.trim(), 'function function function function');
  });
});

for (const flavour of FLAVOURS) {
  for (const adapter of ADAPTERS) {
    describe(`the ${flavour === 'esm' ? 'ESM' : 'CommonJS'} app on ${adapter}`, { skip: serverMissing }, () => {
      let app;
      let schema;

      before(
        async () => {
          schema = await createSchema(`consumer_${RUN_ID}_${flavour}_${adapter}`);
          app = await timed(`start the ${flavour} app on ${adapter}`, () =>
            startApp(
              join(consumer.withDatabase, flavour),
              { HTTP_ADAPTER: adapter, DATABASE_URL, DATABASE_SCHEMA: schema.name },
              { label: `the ${flavour} app on ${adapter}` },
            ),
          );
        },
        { timeout: SETUP_TIMEOUT },
      );

      after(async () => {
        await app?.stop();
        await schema?.drop();
      });

      it('starts without a warning or a report from the library (TypeORM is found and read)', () => {
        const reports = app.bootLog.split('\n').filter((line) => /\[ErrorContract\]|\bWARN\b|\bERROR\b/u.test(line));
        assert.deepEqual(reports, []);
        assert.match(app.bootLog, /Nest application successfully started/u);
      });

      it('answers a DTO with two invalid fields with one object per field', async () => {
        const answer = await sendJson(app.url, 'POST', '/users', { email: 'not-an-email', name: 'A' });
        assertContractAnswer(answer, 400, [
          { message: 'Email must be an email.', error_code: '2056', field: 'email', details: null },
          {
            message: 'Name must be longer than or equal to 2 characters.',
            error_code: '2052',
            field: 'name',
            details: { min: 2, max: 40 },
          },
        ]);
      });

      it('answers a zod schema route (@Body({ schema })) with one object per issue, on its path', async () => {
        const answer = await sendJson(app.url, 'POST', '/notes', { title: 'A', links: [{ url: 'nope' }], x: 1 });
        assertContractAnswer(answer, 400, [
          {
            message: 'Title must be longer than or equal to 3 characters.',
            error_code: '2050',
            field: 'title',
            details: { min: 3 },
          },
          { message: 'Links.0.url must be a URL address.', error_code: '2057', field: 'links.0.url', details: null },
          { message: 'Property x should not exist.', error_code: '2002', field: 'x', details: null },
        ]);
      });

      it('answers a domain exception with the app code it carries', async () => {
        const answer = await send(app.url, 'GET', '/users/999999');
        assertContractAnswer(answer, 404, [
          { message: 'No user has the id 999999.', error_code: '6001', field: null, details: { id: 999999 } },
        ]);
      });

      it("answers a failure of @nestjs/common's own ParseIntPipe", async () => {
        const answer = await send(app.url, 'GET', '/users/abc');
        assertContractAnswer(answer, 400, [
          {
            message: 'Validation failed (numeric string is expected).',
            error_code: '1400',
            field: null,
            details: null,
          },
        ]);
      });

      it('answers an unknown route', async () => {
        const answer = await send(app.url, 'GET', '/no/such/route');
        assertContractAnswer(answer, 404, [
          {
            message: 'No route matches GET /no/such/route.',
            error_code: '1001',
            field: null,
            details: { method: 'GET', path: '/no/such/route' },
          },
        ]);
      });

      it('answers a TypeError with 500 and the request id only, and logs it', async () => {
        const answer = await send(app.url, 'GET', '/crash');
        assert.match(answer.requestId ?? '', GENERATED_REQUEST_ID);
        assertContractAnswer(answer, 500, [
          {
            message: 'Something went wrong on our side. Quote the request id if you report it.',
            error_code: '5000',
            field: null,
            details: { request_id: answer.requestId },
          },
        ]);
        assert.doesNotMatch(answer.text, /TypeError|apiSecret|undefined|crash\.controller/u);
        // The log has what the body does not: the error and its request id.
        const logged = await app.logLine((line) => line.includes(answer.requestId));
        assert.ok(logged, `no log line has the request id ${answer.requestId}:\n${app.log()}`);
        assert.match(logged, /TypeError: Cannot read properties of undefined \(reading 'apiSecret'\)/u);
        const mentions = app
          .log()
          .split('\n')
          .filter((line) => line.includes(answer.requestId));
        assert.equal(mentions.length, 1, `the 500 is logged once:\n${app.log()}`);
      });

      it('answers a text/plain body to a JSON route with 415', async () => {
        const answer = await send(app.url, 'POST', '/users', {
          headers: { 'content-type': 'text/plain' },
          body: 'email=ada@example.com',
        });
        assertContractAnswer(answer, 415, [
          {
            message: 'The request body must be sent as application/json.',
            error_code: '1004',
            field: null,
            details: { supported: ['application/json'] },
          },
        ]);
      });

      it('answers malformed JSON with 400', async () => {
        const answer = await send(app.url, 'POST', '/users', {
          headers: { 'content-type': 'application/json' },
          body: '{"email": "ada@example.com",',
        });
        assertContractAnswer(answer, 400, [
          { message: 'The request body is not valid JSON.', error_code: '1002', field: null, details: null },
        ]);
      });

      it('maps a unique violation to its field through the entity metadata (no registry entry)', async () => {
        const user = { email: `ada.${flavour}.${adapter}@example.com`, name: 'Ada' };
        const created = await sendJson(app.url, 'POST', '/users', user);
        assert.equal(created.status, 201, created.text);
        assert.deepEqual(created.body, { id: created.body.id, ...user });
        // The column is `email_address`; only the entity metadata names the field `email`.
        const duplicate = await sendJson(app.url, 'POST', '/users', user);
        assertContractAnswer(duplicate, 409, [
          {
            message: 'This email is already in use.',
            error_code: '3001',
            field: 'email',
            details: { columns: ['email'] },
          },
        ]);
      });
    });
  }
}

for (const flavour of FLAVOURS) {
  for (const adapter of ADAPTERS) {
    const driver = adapter === 'fastify' ? 'Mercurius' : 'Apollo';
    describe(`the ${flavour === 'esm' ? 'ESM' : 'CommonJS'} GraphQL app on ${adapter} (${driver})`, () => {
      let app;
      before(
        async () => {
          app = await timed(`start the ${flavour} GraphQL app on ${adapter}`, () =>
            startApp(
              join(consumer.withGraphQL, flavour),
              { HTTP_ADAPTER: adapter },
              { label: `the ${flavour} GraphQL app on ${adapter}` },
            ),
          );
        },
        { timeout: SETUP_TIMEOUT },
      );
      after(() => app?.stop());

      const graphql = (query, requestId) =>
        send(app.url, 'POST', '/graphql', {
          headers: { 'content-type': 'application/json', 'x-request-id': requestId },
          body: JSON.stringify({ query }),
        });
      const at = (column, path) => ({ locations: [{ line: 1, column }], ...(path ? { path } : {}) });
      const extensions = (code, errorCode, field, details, requestId) => ({
        code,
        error_code: errorCode,
        field,
        details,
        request_id: requestId,
      });

      it('answers an invalid input with one GraphQL error per field, with its input path', async () => {
        const answer = await graphql('mutation { createThing(input: { email: "nope", name: "A" }) { id } }', 'c-1');
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body.errors, [
          {
            message: 'Email must be an email.',
            ...at(12, ['createThing']),
            extensions: extensions('IS_EMAIL', '2056', 'input.email', null, 'c-1'),
          },
          {
            message: 'Name must be longer than or equal to 2 characters.',
            ...at(12, ['createThing']),
            extensions: extensions('LENGTH', '2052', 'input.name', { min: 2, max: 40 }, 'c-1'),
          },
        ]);
      });

      it('answers a domain exception with its code, and a crash with the request id only', async () => {
        // One field per operation: GraphQL lists the errors of parallel fields in the order they settle.
        const notFound = await graphql('{ thing(id: 7) { id } }', 'c-2');
        assert.deepEqual(notFound.body.data, { thing: null });
        assert.deepEqual(notFound.body.errors, [
          {
            message: 'No thing has the id 7.',
            ...at(3, ['thing']),
            extensions: extensions('THING_NOT_FOUND', '6001', null, { id: 7 }, 'c-2'),
          },
        ]);
        const crash = await graphql('{ crash { id } }', 'c-3');
        assert.deepEqual(crash.body.data, { crash: null });
        assert.deepEqual(crash.body.errors, [
          {
            message: 'Something went wrong on our side. Quote the request id if you report it.',
            ...at(3, ['crash']),
            extensions: extensions('INTERNAL_ERROR', '5000', null, { request_id: 'c-3' }, 'c-3'),
          },
        ]);
        assert.doesNotMatch(crash.text, /TypeError|apiSecret/u);
        const logged = await app.logLine((line) => line.includes('request_id=c-3'));
        assert.match(logged ?? '', /TypeError: Cannot read properties of undefined \(reading 'apiSecret'\)/u);
      });

      it("answers GraphQL's own syntax error with 400 and the library's code", async () => {
        const answer = await graphql('{ thing(id: 7) { id ', 'c-4');
        assert.equal(answer.status, 400);
        assert.deepEqual(answer.body.errors, [
          {
            message: 'Syntax Error: Expected Name, found <EOF>.',
            ...at(21),
            extensions: extensions('GRAPHQL_PARSE_FAILED', '1040', null, null, 'c-4'),
          },
        ]);
      });

      it("lists each field's error codes in the schema", async () => {
        const answer = await graphql('{ __type(name: "Query") { fields { name description } } }', 'c-5');
        const thing = answer.body.data.__type.fields.find((field) => field.name === 'thing');
        assert.equal(thing.description, 'Errors (`extensions.error_code`): 5000 INTERNAL_ERROR, 6001 THING_NOT_FOUND.');
      });
    });
  }
}

describe('an app without TypeORM, pg or GraphQL installed (ESM, Express)', () => {
  let app;

  before(
    async () => {
      const modules = join(consumer.withoutDatabase, 'node_modules');
      const present = ['typeorm', '@nestjs/typeorm', 'pg', 'graphql', '@nestjs/graphql'].filter((name) =>
        existsSync(join(modules, name)),
      );
      assert.deepEqual(present, [], 'this app must not have TypeORM, pg or GraphQL installed');
      app = await timed('start the app without TypeORM', () =>
        startApp(join(consumer.withoutDatabase, 'esm'), {}, { label: 'the app without TypeORM' }),
      );
    },
    { timeout: SETUP_TIMEOUT },
  );

  after(() => app?.stop());

  it('imports the root entry, starts, and says once why constraints are not mapped', () => {
    const reports = app.bootLog.split('\n').filter((line) => line.includes('[ErrorContract]'));
    assert.equal(reports.length, 1, app.bootLog);
    assert.match(reports[0], /TypeORM could not be loaded \(Cannot find package 'typeorm'/u);
  });

  it('answers an unknown route in the contract', async () => {
    const answer = await send(app.url, 'GET', '/anything');
    assertContractAnswer(answer, 404, [
      {
        message: 'No route matches GET /anything.',
        error_code: '1001',
        field: null,
        details: { method: 'GET', path: '/anything' },
      },
    ]);
  });
});
