import { INestApplication, ModuleMetadata } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import request from 'supertest';
import { fastifyFrameworkErrors } from 'nest-error-contract';

export type AdapterName = 'express' | 'fastify';
export const ADAPTERS: readonly AdapterName[] = ['express', 'fastify'];

export interface TestApp {
  app: INestApplication;
  adapter: AdapterName;
  /** A supertest client sending real HTTP requests to the app. */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Keep the raw body (needed for invalid UTF-8 detection), as the sample app does. Default true. */
  rawBody?: boolean;
  /** Runs before init: global pipes, prefixes... */
  configure?: (app: INestApplication) => void;
  /** The FastifyAdapter's options; `frameworkErrors` defaults to the library's handler. */
  fastifyOptions?: ConstructorParameters<typeof FastifyAdapter>[0];
}

/**
 * Boots a real Nest application on the given adapter with the given module metadata,
 * listening on an ephemeral loopback port, so tests send real HTTP requests.
 */
export async function createTestApp(
  adapter: AdapterName,
  metadata: ModuleMetadata,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const rawBody = options.rawBody ?? true;
  const app =
    adapter === 'fastify'
      ? moduleRef.createNestApplication(
          new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors, ...options.fastifyOptions }),
          {
            rawBody,
            logger: false,
          },
        )
      : moduleRef.createNestApplication({ rawBody, logger: false });
  options.configure?.(app);
  await app.init();
  if (adapter === 'fastify') {
    await (app.getHttpAdapter().getInstance() as { ready(): Promise<unknown> }).ready();
  }
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  return {
    app,
    adapter,
    http: () => request(server),
    close: () => app.close(),
  };
}

/**
 * Asserts what every error response must satisfy (the contract in docs/design.md): a JSON array of objects
 * with exactly the four keys, messages that are sentences, a request id header, and the
 * JSON content type. Returns the body for exact assertions.
 */
export function expectContract(response: request.Response): Array<Record<string, unknown>> {
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers['x-request-id']).toEqual(expect.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/));
  const body: unknown = response.body;
  expect(Array.isArray(body)).toBe(true);
  const errors = body as Array<Record<string, unknown>>;
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(Object.keys(error)).toEqual(['message', 'error_code', 'field', 'details']);
    expect(error.message).toEqual(expect.stringMatching(/\S\.$/));
    expect(error.error_code).toEqual(expect.stringMatching(/^\d{4}$/));
    expect(
      error.field === null || (typeof error.field === 'string' && error.field !== '' && error.field !== 'None'),
    ).toBe(true);
    expect(error.details === null || (typeof error.details === 'object' && !Array.isArray(error.details))).toBe(true);
  }
  return errors;
}

/**
 * Sends raw bytes with Node's http client (supertest re-encodes Buffers sent as JSON),
 * for bodies such as invalid UTF-8.
 */
export async function sendRaw(
  app: TestApp,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: unknown }> {
  const address = app.app.getHttpServer().address() as { port: number };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port: address.port, method, path, headers: { ...headers, 'content-length': body.length } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Sends raw bytes on a socket and returns what the server wrote back (for requests no client library would send). */
export function rawExchange(app: TestApp, request: string): Promise<string> {
  const { port } = app.app.getHttpServer().address() as { port: number };
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}
