import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { AdapterName } from '../../../support/test-app';
import { Answer, DocumentedOperation, documentedOperations } from './drift';

/**
 * Records every error the sample app answers during the end-to-end suites, for the
 * drift check (drift.global-teardown.ts): method, route pattern, status and the codes of
 * the body, one JSON line per answer, in a file per worker process under the directory
 * the global setup made (ERROR_ANSWERS_DIR). Without that variable nothing is recorded.
 */
export const ANSWERS_DIR_VARIABLE = 'ERROR_ANSWERS_DIR';

const ROUTE = Symbol('matched route pattern');
type RecordedRequest = IncomingMessage & { route?: { path?: unknown }; [ROUTE]?: string };

export function recordAnswers(app: INestApplication, adapter: AdapterName): void {
  const dir = process.env[ANSWERS_DIR_VARIABLE];
  if (!dir) return;
  const file = join(dir, `answers-${process.pid}.jsonl`);
  if (adapter === 'fastify') {
    // Fastify routes before its hooks run: the pattern is known from onRequest on, and is
    // kept on the Node request, which the server listener below sees.
    const fastify = app.getHttpAdapter().getInstance() as {
      addHook(name: 'onRequest', hook: (request: FastifyRequestLike, reply: unknown, done: () => void) => void): void;
    };
    fastify.addHook('onRequest', (request, _reply, done) => {
      (request.raw as RecordedRequest)[ROUTE] = request.routeOptions?.url;
      done();
    });
  }
  const server = app.getHttpServer() as {
    prependListener(event: 'request', listener: (request: RecordedRequest, response: ServerResponse) => void): void;
  };
  server.prependListener('request', (request, response) => {
    const chunks: Buffer[] = [];
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunks, chunk);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunks, chunk);
      if (response.statusCode >= 400) {
        // Express matches routes after the body parsers, so a body refused by them has no
        // route yet; the drift check then matches the URL against the document's paths.
        const pattern = adapter === 'express' ? request.route?.path : request[ROUTE];
        const answer: Answer = {
          method: request.method ?? '',
          route: typeof pattern === 'string' ? pattern : undefined,
          url: (request.url ?? '').split('?')[0],
          status: response.statusCode,
          codes: codesOf(Buffer.concat(chunks)),
        };
        appendFileSync(file, `${JSON.stringify(answer)}\n`);
      }
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  });
}

/** Writes the (method, path, status, codes) the app documents, once per worker process. */
export function recordDocumented(build: () => DocumentedSource): void {
  const dir = process.env[ANSWERS_DIR_VARIABLE];
  if (!dir) return;
  const file = join(dir, `documented-${process.pid}.json`);
  if (existsSync(file)) return;
  const operations: DocumentedOperation[] = documentedOperations(build());
  writeFileSync(file, JSON.stringify(operations));
}

type DocumentedSource = Parameters<typeof documentedOperations>[0];
type FastifyRequestLike = { raw: IncomingMessage; routeOptions?: { url?: string } };

function keep(chunks: Buffer[], chunk: unknown): void {
  if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
  else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
}

function codesOf(body: Buffer): string[] {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.map((item) => String((item as { error_code?: unknown }).error_code));
  } catch {
    return [];
  }
}
