import { ValidationPipe } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorsModule, createValidationPipe } from 'nest-error-contract';
import { TestDatabase, openDatabase } from '../support/databases';
import { ADAPTERS, AdapterName, TestApp, createTestApp } from '../support/test-app';
import { ComparisonUser, DATA_SOURCE, Side, usersController } from './comparison-app';

/**
 * The package README's comparison with stock NestJS 12 (between the comparison markers):
 * each ```text block is one request (`$ METHOD PATH [BODY]`), then what stock Nest
 * answers (`before STATUS BODY`, on Express) and what the same app answers with this
 * package (`after STATUS BODY`, on Express and on Fastify). Both apps are really built
 * and asked here, so the README shows real answers.
 */
interface Case {
  method: 'GET' | 'POST';
  path: string;
  body: string | undefined;
  before: { status: number; body: string };
  after: { status: number; body: string };
}

const README = readFileSync(join(__dirname, '..', '..', 'libs', 'errors', 'README.md'), 'utf8');
const SECTION = /<!-- comparison:start -->([\s\S]*?)<!-- comparison:end -->/u.exec(README)?.[1] ?? '';
const BLOCK = /```text\n([\s\S]*?)\n```/gu;

function parseCase(block: string): Case {
  const request = /^\$ (GET|POST) (\S+)(?: (.+))?$/mu.exec(block);
  const before = /^before (\d{3}) (.*)$/mu.exec(block);
  const after = /^after {2}(\d{3}) (.*)$/mu.exec(block);
  if (!request || !before || !after) throw new Error(`Not a comparison block:\n${block}`);
  return {
    method: request[1] as Case['method'],
    path: request[2],
    body: request[3],
    before: { status: Number(before[1]), body: before[2] },
    after: { status: Number(after[1]), body: after[2] },
  };
}

const CASES = [...SECTION.matchAll(BLOCK)].map((match) => parseCase(match[1]));

let database: TestDatabase;

async function start(side: Side, adapter: AdapterName): Promise<TestApp> {
  const dataSource = { provide: DATA_SOURCE, useFactory: () => database.dataSource };
  if (side === 'stock') {
    return createTestApp(
      adapter,
      { controllers: [usersController('stock')], providers: [dataSource] },
      {
        rawBody: false,
        fastifyOptions: { frameworkErrors: undefined },
        configure: (app) => app.useGlobalPipes(new ValidationPipe()),
      },
    );
  }
  return createTestApp(adapter, {
    imports: [ErrorsModule.forRoot({ database: { dataSource: database.dataSource } })],
    controllers: [usersController('ours')],
    providers: [dataSource, { provide: APP_PIPE, useFactory: () => createValidationPipe() }],
  });
}

async function ask(app: TestApp, step: Case): Promise<{ status: number; body: string }> {
  const http = app.http();
  let request = step.method === 'GET' ? http.get(step.path) : http.post(step.path);
  if (step.body !== undefined) request = request.set('Content-Type', 'application/json').send(step.body);
  const response = await request;
  return { status: response.status, body: response.text };
}

describe('the package README comparison with stock NestJS 12', () => {
  beforeAll(async () => {
    database = await openDatabase('pglite', { entities: [ComparisonUser] });
    await database.dataSource.getRepository(ComparisonUser).save({ email: 'ada@example.com', username: 'ada' });
  });
  afterAll(() => database?.close());

  it('the package README compares several failures', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(5);
    expect(SECTION.match(/```text\n/gu)?.length).toBe(CASES.length);
  });

  describe('stock NestJS 12 on express', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await start('stock', 'express');
    });
    afterAll(() => app?.close());

    it.each(CASES.map((step) => [`${step.method} ${step.path}`, step] as const))(
      'answers %s as printed',
      async (_, step) => {
        expect(await ask(app, step)).toEqual(step.before);
      },
    );
  });

  describe('stock NestJS 12 on fastify', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await start('stock', 'fastify');
    });
    afterAll(() => app?.close());

    // The README says Fastify words the JSON parser's error differently again; everything
    // else stock answers alike on both adapters.
    const REWORDED = new Set(['POST /users {"email": "ada@example.com",']);
    it.each(CASES.map((step) => [`${step.method} ${step.path} ${step.body ?? ''}`.trim(), step] as const))(
      'answers %s with the status printed, and the body printed unless the README says otherwise',
      async (key, step) => {
        const answer = await ask(app, step);
        expect(answer.status).toBe(step.before.status);
        expect(answer.body === step.before.body).toBe(!REWORDED.has(key));
      },
    );
  });

  describe.each(ADAPTERS)('with nest-error-contract on %s', (adapter) => {
    let app: TestApp;
    beforeAll(async () => {
      app = await start('ours', adapter);
    });
    afterAll(() => app?.close());

    it.each(CASES.map((step) => [`${step.method} ${step.path}`, step] as const))(
      'answers %s as printed',
      async (_, step) => {
        expect(await ask(app, step)).toEqual(step.after);
      },
    );
  });
});
