import 'reflect-metadata';
import { Body, Controller, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as current from 'nest-error-contract';
import { CreateUserDto, INVALID_BODY, SilentLogger } from './apps';
import { median } from './report';

/**
 * What content negotiation (Accept, Accept-Language) costs an error response, in one
 * process, variants alternating round by round and medians taken (the machine is shared
 * and noisy; a single timing says nothing):
 *
 *     node -r @swc-node/register bench/negotiation.ts [--baseline <dir of an older build>]
 *
 * - filter: ErrorContractFilter.replyTo for the 400 with five violations, into a
 *   response that serializes the body (no socket): ns per error response;
 * - http: the same 400 over loopback from an Express app (keep-alive, 8 in flight):
 *   microseconds per request.
 *
 * Variants: the current build without Accept-Language or Accept (what must cost nothing
 * more), with `Accept-Language: de`, and with `Accept: application/problem+json`; with
 * `--baseline`, also a build from before negotiation existed, without headers. A baseline
 * is built from a git ref with:
 *
 *     git archive <ref> libs/errors | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *     (cd /tmp/base/libs/errors && npx tsc -p tsconfig.build.json)
 */
type Library = typeof current;

const ROUNDS = Number(argument('--rounds') ?? 15);
/** A round interleaves the variants in blocks, so a change of load hits them all alike. */
const BLOCKS = 10;
const FILTER_ITERATIONS = Number(argument('--filter-iterations') ?? 20_000);
const HTTP_REQUESTS = Number(argument('--http-requests') ?? 2_000);
const IN_FLIGHT = 8;

interface Variant {
  name: string;
  library: Library;
  headers: Record<string, string>;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

@Controller()
class UsersController {
  @Post('users')
  create(@Body() dto: CreateUserDto) {
    return dto;
  }
}

async function appWith(library: Library): Promise<INestApplication> {
  @Module({
    imports: [library.ErrorsModule.forRoot({ database: false, logger: new SilentLogger() })],
    controllers: [UsersController],
  })
  class BenchModule {}
  const app = await NestFactory.create(BenchModule, { logger: false, rawBody: true });
  app.useGlobalPipes(new library.ContractValidationPipe());
  await app.listen(0, '127.0.0.1');
  return app;
}

/** The exception the library's pipe throws for INVALID_BODY: five violations. */
async function invalidBodyException(library: Library): Promise<unknown> {
  try {
    await new library.ContractValidationPipe().transform(JSON.parse(INVALID_BODY), {
      type: 'body',
      metatype: CreateUserDto,
      data: undefined,
    });
  } catch (exception) {
    return exception;
  }
  throw new Error('The invalid body passed validation.');
}

/** An Express response as the adapter drives it, serializing the body as res.json() would. */
function fakeResponse(): object {
  const headers = new Map<string, unknown>();
  const response = {
    headersSent: false,
    status: () => response,
    set: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
    get: (name: string) => headers.get(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
    json: (body: unknown) => (sink = JSON.stringify(body).length),
  };
  return response;
}
let sink = 0;

/** Milliseconds for `iterations` error responses through the filter. */
function filterMs(app: INestApplication, variant: Variant, exception: unknown, iterations: number): number {
  // replyTo is internal (not in the published types): the bench measures the filter's own work.
  const filter = app.get(variant.library.ErrorContractFilter) as unknown as {
    replyTo(exception: unknown, request: object, response: object): void;
  };
  const start = performance.now();
  for (let index = 0; index < iterations; index++) {
    // A request object per response, as in a server: the request id is chosen per request.
    const request = { method: 'POST', url: '/users', headers: { ...variant.headers }, route: { path: '/users' } };
    filter.replyTo(exception, request, fakeResponse());
  }
  return performance.now() - start;
}

/** Milliseconds for `requests` requests over loopback. */
async function httpMs(app: INestApplication, variant: Variant, requests: number): Promise<number> {
  const { port } = app.getHttpServer().address() as { port: number };
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const headers = { 'content-type': 'application/json', ...variant.headers };
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent < requests) {
      sent++;
      const status = await post(port, agent, headers);
      if (status !== 400) throw new Error(`${variant.name}: expected 400, got ${status}`);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const elapsed = performance.now() - start;
  agent.destroy();
  return elapsed;
}

function post(port: number, agent: Agent, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path: '/users', method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    outgoing.on('error', fail);
    outgoing.end(INVALID_BODY);
  });
}

async function main(): Promise<void> {
  const baselineDir = argument('--baseline');
  const baseline = baselineDir ? ((await import(resolve(baselineDir, 'dist/index.js'))) as Library) : undefined;
  const variants: Variant[] = [
    ...(baseline ? [{ name: 'baseline, no headers', library: baseline, headers: {} }] : []),
    { name: 'current, no headers', library: current, headers: {} },
    { name: 'current, Accept-Language: de', library: current, headers: { 'accept-language': 'de' } },
    { name: 'current, Accept: problem+json', library: current, headers: { accept: 'application/problem+json' } },
  ];
  const apps = new Map<Library, INestApplication>();
  const exceptions = new Map<Library, unknown>();
  for (const variant of variants) {
    if (!apps.has(variant.library)) apps.set(variant.library, await appWith(variant.library));
    if (!exceptions.has(variant.library)) exceptions.set(variant.library, await invalidBodyException(variant.library));
  }
  const filterNs = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  const httpMicros = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
  const run = async (round: number, blocks: number, filterIterations: number, httpRequests: number) => {
    const filterTotal = new Map<string, number>(variants.map((variant) => [variant.name, 0]));
    const httpTotal = new Map<string, number>(variants.map((variant) => [variant.name, 0]));
    for (let block = 0; block < blocks; block++) {
      // Rotate the order each block so no variant always runs right after the same one.
      for (let index = 0; index < variants.length; index++) {
        const variant = variants[(index + block + round) % variants.length];
        const app = apps.get(variant.library)!;
        const exception = exceptions.get(variant.library);
        filterTotal.set(
          variant.name,
          filterTotal.get(variant.name)! + filterMs(app, variant, exception, filterIterations),
        );
        httpTotal.set(variant.name, httpTotal.get(variant.name)! + (await httpMs(app, variant, httpRequests)));
      }
    }
    return { filterTotal, httpTotal };
  };
  await run(0, 1, FILTER_ITERATIONS / BLOCKS, HTTP_REQUESTS / BLOCKS); // warm-up, unmeasured
  for (let round = 0; round < ROUNDS; round++) {
    const { filterTotal, httpTotal } = await run(round, BLOCKS, FILTER_ITERATIONS / BLOCKS, HTTP_REQUESTS / BLOCKS);
    for (const variant of variants) {
      filterNs.get(variant.name)!.push((filterTotal.get(variant.name)! * 1e6) / FILTER_ITERATIONS);
      httpMicros.get(variant.name)!.push((httpTotal.get(variant.name)! * 1e3) / HTTP_REQUESTS);
    }
  }
  for (const app of apps.values()) await app.close();

  const reference = variants[0].name;
  const table = (title: string, values: Map<string, number[]>, digits: number) => {
    console.log(`\n${title}`);
    const base = values.get(reference)!;
    for (const variant of variants) {
      const own = values.get(variant.name)!;
      // Per-round ratios against the first variant: the load of that round cancels out.
      const ratios = own.map((value, round) => value / base[round]);
      console.log(
        `  ${variant.name.padEnd(30)} median ${median(own).toFixed(digits).padStart(7)}` +
          `  (min ${Math.min(...own).toFixed(digits)}, max ${Math.max(...own).toFixed(digits)})` +
          `  ratio to "${reference}": median ${median(ratios).toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)})`,
      );
    }
  };
  console.log(`${ROUNDS} rounds of ${BLOCKS} interleaved blocks; the 400 with five violations, Express.`);
  table(`filter.replyTo, ns per error response (${FILTER_ITERATIONS} per variant and round):`, filterNs, 0);
  table(
    `HTTP over loopback, microseconds per request (${HTTP_REQUESTS} per variant and round, ${IN_FLIGHT} in flight):`,
    httpMicros,
    1,
  );
  if (sink < 0) console.log(sink);
}

void main();
