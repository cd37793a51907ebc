import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';

/**
 * `npm run bench:unrelated-wait`: how long an unrelated request (GET /api/v0/users) waits
 * while six clients send, in a loop, payloads that once cost seconds of event loop each:
 *
 * - `links`: POST /users whose profile.links holds 33,000 `{}` (validated item by item);
 * - `accept-language`: GET of an unknown route with `Accept-Language: a-a-a-...` (7,500 subtags);
 * - `type-options`: POST /tables/:id/columns with ~11,000 unknown `type_options` keys.
 *
 * The sample app runs in a child process (Express, PGlite in memory), so the client's
 * own work does not delay the server's event loop. Printed: the unrelated request's
 * median and worst latency alone, then under each load, and the server's CPU time per
 * payload request (process.cpuUsage() of the child around the load: steadier than the
 * latencies on a shared machine). Not a timed test: figures go to BENCHMARKS.md by
 * hand, each from several runs (the machine is shared).
 */
const SAMPLES = Number(process.env.WAIT_SAMPLES ?? 20);
const PARALLEL = 6;

interface Payload {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

async function serve(): Promise<void> {
  const instance = await PGlite.create();
  const database = { kind: 'pglite' as const, instance, schema: 'bench_wait', userTablesSchema: 'bench_wait_tables' };
  const app = await NestFactory.create(AppModule.forRoot({ database }), { rawBody: true, logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  // The server's own CPU time, asked for around each load: robust where latencies are noisy.
  process.on('message', (message) => {
    if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
  });
  process.send!({ port: address.port });
}

/** The child's user + system CPU time so far, in ms. */
function serverCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: { cpu?: NodeJS.CpuUsage }) => {
      if (!message.cpu) return;
      child.off('message', onMessage);
      resolve((message.cpu.user + message.cpu.system) / 1000);
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}

function send(port: number, payload: Payload): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: payload.method,
        path: payload.path,
        headers: {
          ...(payload.body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload.body) }),
          ...payload.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - started,
          }),
        );
      },
    );
    // A connection the server resets is an answer too (status 0), counted, not a crash.
    request.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - started }));
    request.end(payload.body);
  });
}

function manyKeys(count: number): string {
  return `{${Array.from({ length: count }, (_, index) => `"${index.toString(36)}":0`).join(',')}}`;
}

/** Median and worst; failed requests are stored negated (see unrelatedLatencies) and counted. */
function summary(latencies: number[]): string {
  const failed = latencies.filter((ms) => ms < 0).length;
  const sorted = latencies.map(Math.abs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const text = `median ${median.toFixed(1)} ms, worst ${sorted[sorted.length - 1].toFixed(1)} ms`;
  return failed > 0 ? `${text}, ${failed} of ${latencies.length} reset` : text;
}

async function unrelatedLatencies(port: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let index = 0; index < SAMPLES; index++) {
    const answer = await send(port, { method: 'GET', path: '/api/v0/users?limit=1' });
    // A reset connection (status 0) counts with the time it took; summary() says how many.
    latencies.push(answer.status === 200 ? answer.ms : -answer.ms);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies;
}

async function underLoad(
  child: ChildProcess,
  port: number,
  payload: Payload,
): Promise<{ latencies: number[]; heavy: number[]; statuses: Set<number>; cpuPerPayload: number }> {
  const cpuBefore = await serverCpuMs(child);
  let running = true;
  const heavy: number[] = [];
  const statuses = new Set<number>();
  const loops = Array.from({ length: PARALLEL }, async () => {
    while (running) {
      const answer = await send(port, payload);
      heavy.push(answer.ms);
      statuses.add(answer.status);
    }
  });
  // Let the loops fill the server before measuring.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const latencies = await unrelatedLatencies(port);
  running = false;
  await Promise.all(loops);
  // The unrelated requests' share (SAMPLES of them, ~1 ms each) is left in: small next to the payloads'.
  const cpuPerPayload = ((await serverCpuMs(child)) - cpuBefore) / heavy.length;
  return { latencies, heavy, statuses, cpuPerPayload };
}

async function main(): Promise<void> {
  const child = fork(__filename, ['--serve'], { execArgv: ['-r', '@swc-node/register'], stdio: 'ignore' });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (message: { port: number }) => resolve(message.port)),
  );
  try {
    const owner = await send(port, {
      method: 'POST',
      path: '/api/v0/users',
      body: JSON.stringify({ email: 'wait@example.com', username: 'wait' }),
    });
    const table = await send(port, {
      method: 'POST',
      path: '/api/v0/tables',
      body: JSON.stringify({ name: 'wait', owner_id: (JSON.parse(owner.body) as { id: number }).id }),
    });
    const tableId = (JSON.parse(table.body) as { id: number }).id;
    const payloads: Record<string, Payload> = {
      links: {
        method: 'POST',
        path: '/api/v0/users',
        body: `{"email":"l@example.com","username":"l","profile":{"links":[${Array(33_000).fill('{}').join(',')}]}}`,
      },
      'accept-language': {
        method: 'GET',
        path: '/api/v0/nope',
        headers: { 'accept-language': `a${'-a'.repeat(7_499)}` },
      },
      'type-options': {
        method: 'POST',
        path: `/api/v0/tables/${tableId}/columns`,
        body: `{"name":"many","type":"VARCHAR","type_options":${manyKeys(11_000)}}`,
      },
    };
    console.log(
      `unrelated GET /api/v0/users, ${SAMPLES} samples each (Express, PGlite, ${PARALLEL} parallel payload loops)`,
    );
    console.log(`| load | unrelated request | payload answer | server CPU per payload request |`);
    console.log(`| --- | --- | --- | --- |`);
    console.log(`| none | ${summary(await unrelatedLatencies(port))} | - | - |`);
    for (const [name, payload] of Object.entries(payloads)) {
      const first = await send(port, payload);
      if (first.status >= 500) throw new Error(`${name} answered ${first.status}.`);
      const { latencies, heavy, cpuPerPayload } = await underLoad(child, port, payload);
      console.log(
        `| ${name} (${first.status}, ${first.body.length} bytes) | ${summary(latencies)} | ${summary(heavy)} | ${cpuPerPayload.toFixed(2)} ms (${heavy.length} requests) |`,
      );
    }
  } finally {
    child.kill();
  }
}

if (process.argv.includes('--serve')) void serve();
else
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
