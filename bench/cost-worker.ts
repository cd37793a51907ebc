import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import inject from 'light-my-request';
import type { DispatchFunc, InjectOptions, Response as InjectedResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { ErrorsModuleOptions, fastifyFrameworkErrors } from 'nest-error-contract';
import { createPgliteDriver } from 'typeorm-pglite';
import { BenchModule, BenchUser, SilentLogger, TAKEN_USER, USERS_SETUP_SQL, Variant, pipeFor } from './apps';
import { BareInjector, bareExpress, bareFastify } from './bare-apps';
import { NestFloorModule, installNestFloor } from './nest-floor-apps';
import { COST_PATHS, CostPath } from './cost-paths';
import { BenchGraphQLModule } from './graphql-apps';
import { closeMariaDb, openMariaDb } from './mariadb';

/**
 * One adapter's side of `npm run bench:cost` (forked by bench/cost.ts, spec in
 * BENCH_COST): ours and stock built in this one process, requests injected without a
 * socket (light-my-request for Express, fastify.inject for Fastify), CPU time of this
 * process per request. The runner gets the numbers over IPC.
 */
export interface CostSpec {
  adapter: 'express' | 'fastify';
  rounds: number;
  /** About how much CPU time one side spends in one round of one path, ms (the request count is fixed at warm-up). */
  roundMs: number;
  /** At least this many requests per side in a round. */
  minRequests: number;
  /** Requests per path and side before anything is measured (the JIT's warm-up). */
  warmup: number;
  /** Only these path keys (all when absent). */
  paths?: string[];
  /** ErrorsModule options for ours beside the defaults (`--ours-options`, `--lean`), to measure an opt-out. */
  oursOptions?: ErrorsModuleOptions;
  /** Create ours without `rawBody: true` (`--lean`: nothing then reads the raw body). */
  oursWithoutRawBody?: boolean;
  /**
   * Instead of measuring (`npm run bench:memory`): answer the error paths with ours, in
   * turn, and read the heap after a full GC once this many answers were given, for each.
   */
  memory?: number[];
  /**
   * After measuring, also answer the error paths with ours and read the heap at these
   * counts: `bench:cost --smoke` runs bench:memory's code on the apps it has built already.
   */
  heapCheck?: number[];
  /** Instead of measuring: CPU-profile this many requests of each side on one path, to these files. */
  profile?: { path: string; requests: number; files: Record<Variant, string> };
}

export interface CostPathResult {
  key: string;
  requestsPerRound: number;
  /** CPU microseconds of the median request, one value per round. */
  ours: number[];
  stock: number[];
  /** The bare-framework app's median request per round, on the paths it answers (bench/bare-apps.ts). */
  bare?: number[];
  /** The nest-floor app's median request per round, on the paths it answers (bench/nest-floor-apps.ts). */
  floor?: number[];
  /** CPU microseconds per request on average (GC and other tails included), one value per round. */
  oursMean: number[];
  stockMean: number[];
  /** Why a path marked `bare` was measured without the bare app (its answer differed from ours'). */
  bareMissing?: string;
  /** The same for the nest-floor app. */
  floorMissing?: string;
}

/** The heap after a full GC once `answers` error answers were given (0: after the warm-up). */
export interface HeapReading {
  answers: number;
  heapUsed: number;
  /** Memory of C++ objects bound to JS ones, ArrayBuffers included (PGlite's WebAssembly memory is there). */
  external: number;
}

/** A path the worker could not measure here (MariaDB unreachable), and why. */
export interface SkippedPath {
  key: string;
  reason: string;
}

export type CostMessage =
  | { type: 'result'; paths: CostPathResult[]; skipped: SkippedPath[]; timerCost: number; heap?: HeapReading[] }
  | { type: 'profiled'; cpuMicros: Record<Variant, number>; requests: number }
  | { type: 'memory'; paths: string[]; skipped: SkippedPath[]; heap: HeapReading[] }
  | { type: 'failed'; message: string };

interface Reply {
  status: number;
  body: string;
  headers: Record<string, unknown>;
}
type Injector = (path: CostPath) => Promise<Reply>;
/** The sides of a round: ours and stock, and the bare and nest-floor apps where they answer the path with ours' bytes. */
type Side = Variant | 'bare' | 'floor';
type Sides = { ours: Injector; stock: Injector; bare?: Injector; floor?: Injector };

const spec = JSON.parse(process.env.BENCH_COST ?? '{}') as CostSpec;
const gcFunction = (globalThis as { gc?: (options?: object) => void }).gc;
/** A scavenge of the young generation (cheap, unlike a full collection). */
const gc = () => gcFunction?.({ type: 'minor', execution: 'sync' });

async function openDataSource(): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    driver: createPgliteDriver(),
    entities: [BenchUser],
    synchronize: true,
    logging: false,
  });
  await dataSource.initialize();
  for (const statement of USERS_SETUP_SQL) await dataSource.query(statement);
  await dataSource.getRepository(BenchUser).insert(TAKEN_USER);
  return dataSource;
}

/** Each side built the way its README tells a user to build it. */
async function build(
  variant: Variant | 'nest-floor',
  dataSource: DataSource,
  graphql = false,
): Promise<{ app: INestApplication; inject: Injector }> {
  const logger = new SilentLogger();
  const module =
    variant === 'nest-floor'
      ? NestFloorModule.register(spec.adapter)
      : graphql
        ? BenchGraphQLModule.register({ variant, adapter: spec.adapter, logger })
        : BenchModule.register({ variant, logger, dataSource, errorsOptions: spec.oursOptions });
  // The library's README: rawBody (it checks UTF-8 on the raw bytes), and on Fastify its
  // frameworkErrors handler. Stock: Nest's defaults.
  const options = { logger, rawBody: variant === 'ours' && !spec.oursWithoutRawBody };
  const app: INestApplication =
    spec.adapter === 'fastify'
      ? await NestFactory.create(
          module,
          new FastifyAdapter(variant === 'ours' ? { frameworkErrors: fastifyFrameworkErrors } : {}),
          options,
        )
      : await NestFactory.create(module, options);
  // nest-floor: stock's pipe, and what only writes the bytes (bench/nest-floor-apps.ts).
  app.useGlobalPipes(pipeFor(variant === 'nest-floor' ? 'stock' : variant));
  if (variant === 'nest-floor') installNestFloor(app, spec.adapter, logger);
  await app.init();
  const instance = app.getHttpAdapter().getInstance() as {
    inject?: (options: InjectOptions) => Promise<InjectedResponse>;
    ready?: () => Promise<unknown>;
  };
  if (spec.adapter === 'fastify') await instance.ready?.();
  const dispatch =
    spec.adapter === 'fastify'
      ? (options: InjectOptions) => instance.inject!(options)
      : (options: InjectOptions) => inject(instance as unknown as DispatchFunc, options);
  return { app, inject: injectorOf(dispatch) };
}

/** The same request for every side: method, URL, and the JSON body with its content type. */
function injectorOf(dispatch: BareInjector): Injector {
  return async (path) => {
    const response = await dispatch({
      method: path.method,
      url: path.url,
      ...(path.body === undefined ? {} : { payload: path.body, headers: { 'content-type': 'application/json' } }),
    });
    return { status: response.statusCode, body: response.body, headers: response.headers };
  };
}

/** What a client reads of an answer besides the body (the request id's value differs per request). */
const COMPARED_HEADERS = ['content-type', 'content-language', 'vary', 'x-content-type-options'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gu;

/** Why a floor app's (bare or nest-floor) answer is not ours' bytes, or undefined when it is. */
async function bareDifference(ours: Injector, bare: Injector, path: CostPath): Promise<string | undefined> {
  const [mine, floor] = [await ours(path), await bare(path)];
  if (mine.status !== floor.status) return `status ${floor.status} instead of ${mine.status}`;
  if (mine.body.replace(UUID, 'ID') !== floor.body.replace(UUID, 'ID'))
    return `body ${floor.body} instead of ${mine.body}`;
  const hasId = (reply: Reply) => typeof reply.headers['x-request-id'] === 'string';
  if (hasId(mine) !== hasId(floor))
    return `x-request-id ${hasId(floor) ? 'sent' : 'missing'}, ours ${hasId(mine) ? 'sends one' : 'does not'}`;
  for (const name of COMPARED_HEADERS)
    if (String(mine.headers[name]) !== String(floor.headers[name]))
      return `${name}: ${String(floor.headers[name])} instead of ${String(mine.headers[name])}`;
  return undefined;
}

function contractProblem(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'not JSON';
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return 'not a non-empty array';
  for (const item of parsed as Array<Record<string, unknown>>) {
    if (Object.keys(item).join() !== 'message,error_code,field,details') return `keys ${Object.keys(item).join()}`;
    if (!/^\d{4}$/u.test(String(item.error_code))) return `code ${String(item.error_code)}`;
  }
  return undefined;
}

function graphqlContractProblem(body: string): string | undefined {
  const errors = (JSON.parse(body) as { errors?: Array<{ extensions?: Record<string, unknown> }> }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return 'no errors';
  const codes = errors.map((error) => error.extensions?.error_code);
  return codes.every((code) => /^\d{4}$/u.test(String(code))) ? undefined : `codes ${codes.join()}`;
}

async function verify(variant: Variant, injector: Injector, path: CostPath): Promise<void> {
  const reply = await injector(path);
  const expected = path.expected[variant];
  if (reply.status !== expected)
    throw new Error(`${spec.adapter}/${variant} ${path.name}: ${reply.status} instead of ${expected}: ${reply.body}`);
  if (variant === 'ours' && path.graphql) {
    const problem = graphqlContractProblem(reply.body);
    if (problem) throw new Error(`${spec.adapter}/ours ${path.name}: not in the contract (${problem}): ${reply.body}`);
  } else if (variant === 'ours' && expected >= 400) {
    const problem = contractProblem(reply.body);
    if (problem) throw new Error(`${spec.adapter}/ours ${path.name}: not in the contract (${problem}): ${reply.body}`);
  }
}

/** N requests one after the other; the CPU time (user + system) this process spent on them, us. */
async function block(injector: Injector, path: CostPath, expected: number, requests: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    const reply = await injector(path);
    if (reply.status !== expected) throw new Error(`${path.name}: ${reply.status} instead of ${expected}`);
  }
  const spent = process.cpuUsage(before);
  return spent.user + spent.system;
}

/**
 * One round of one path: ours and stock take turns one request at a time (who goes
 * first alternates too), so both sides run under the same conditions at the same
 * moments whatever else the machine is doing. Each request is timed on its own; the
 * round reports each side's median request (what the code path costs) and its mean
 * (which also carries the GC pauses, preemptions and cache refills that happened to
 * land on that side's requests).
 */
async function round(
  sides: Sides,
  path: CostPath,
  requests: number,
  index: number,
): Promise<Partial<Record<Side, { median: number; mean: number }>>> {
  const orders = ordersOf(sides);
  const samples: Record<Side, number[]> = { ours: [], stock: [], bare: [], floor: [] };
  for (let i = 0; i < requests; i++) {
    for (const side of orders[(i + index) % orders.length]) {
      const before = process.cpuUsage();
      const reply = await sides[side]!(path);
      const used = process.cpuUsage(before);
      const expected = side === 'bare' || side === 'floor' ? path.expected.ours : path.expected[side];
      if (reply.status !== expected)
        throw new Error(`${spec.adapter}/${side} ${path.name}: ${reply.status} instead of ${expected}`);
      samples[side].push(used.user + used.system - timerCost);
    }
  }
  const summary = (values: number[]) => ({
    median: medianOf(values),
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
  });
  return {
    ours: summary(samples.ours),
    stock: summary(samples.stock),
    ...(sides.bare ? { bare: summary(samples.bare) } : {}),
    ...(sides.floor ? { floor: summary(samples.floor) } : {}),
  };
}

/**
 * Who goes first, second (third, fourth) in turn: the rotations of the sides present,
 * so each side takes each place once every n requests and none is always the one after
 * another's garbage (two sides: ours-stock, stock-ours; with bare: ours-stock-bare,
 * stock-bare-ours, bare-ours-stock, as before nest-floor was added).
 */
function ordersOf(sides: Sides): ReadonlyArray<readonly Side[]> {
  const present = (['ours', 'stock', 'bare', 'floor'] as const).filter((side) => sides[side]);
  return present.map((_, shift) => [...present.slice(shift), ...present.slice(0, shift)]);
}

function medianOf(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * What timing one request adds to its own sample: the tail of the first
 * process.cpuUsage() call and the head of the second. Both sides pay it, which would
 * pull every ratio towards 1; it is measured once and taken off every sample.
 */
function measureTimerCost(): number {
  const calls = 20_000;
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) process.cpuUsage(process.cpuUsage());
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / calls;
}
let timerCost = 0;

/** Each path's two sides: the GraphQL apps for GraphQL paths, the REST apps otherwise. */
type SidesOf = (path: CostPath) => Sides;

async function measure(sidesOf: SidesOf, paths: readonly CostPath[]): Promise<CostPathResult[]> {
  timerCost = measureTimerCost();
  const results: CostPathResult[] = [];
  for (const path of paths) {
    // The warm-up's second half also sizes the round, fixed from here on so both sides
    // run the same requests in every round.
    let spent = 0;
    const half = Math.ceil(spec.warmup / 2);
    const sides = sidesOf(path);
    for (const variant of ['ours', 'stock'] as const) {
      await block(sides[variant], path, path.expected[variant], spec.warmup - half);
      spent += await block(sides[variant], path, path.expected[variant], half);
    }
    if (sides.bare) await block(sides.bare, path, path.expected.ours, spec.warmup);
    if (sides.floor) await block(sides.floor, path, path.expected.ours, spec.warmup);
    const perRequest = spent / (2 * half);
    const requestsPerRound = Math.max(spec.minRequests, Math.round((spec.roundMs * 1000) / perRequest));
    const bareMissing = bareMissingOf.get(path.key);
    const floorMissing = floorMissingOf.get(path.key);
    results.push({
      key: path.key,
      requestsPerRound,
      ours: [],
      stock: [],
      oursMean: [],
      stockMean: [],
      ...(sides.bare ? { bare: [] } : {}),
      ...(sides.floor ? { floor: [] } : {}),
      ...(bareMissing ? { bareMissing } : {}),
      ...(floorMissing ? { floorMissing } : {}),
    });
  }
  for (let index = 0; index < spec.rounds; index++) {
    for (const [position, path] of paths.entries()) {
      const result = results[position];
      // Every round starts on an empty young generation: the garbage of the previous
      // path's round is not collected on this one's time.
      gc();
      const { ours, stock, bare, floor } = await round(sidesOf(path), path, result.requestsPerRound, index);
      result.ours.push(ours!.median);
      result.stock.push(stock!.median);
      if (bare) result.bare?.push(bare.median);
      if (floor) result.floor?.push(floor.median);
      result.oursMean.push(ours!.mean);
      result.stockMean.push(stock!.mean);
    }
  }
  return results;
}

/**
 * Profiles both sides in alternating slices (ours, stock, stock, ours...), so the load
 * of the machine weighs on both alike, as in the measured rounds. Each side's file gets
 * the list of its slices' profiles.
 */
async function profile(sides: Sides, path: CostPath, requests: number, files: Record<Variant, string>) {
  const session = new Session();
  session.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((done, fail) =>
      session.post(method, params, (error, result) => (error ? fail(error) : done(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  for (const variant of ['ours', 'stock'] as const) {
    for (let i = 0; i < spec.warmup; i++) await sides[variant](path);
  }
  const slices = 20;
  const perSlice = Math.max(1, Math.round(requests / slices));
  const cpuMicros = { ours: 0, stock: 0 };
  const profiles: Record<Variant, unknown[]> = { ours: [], stock: [] };
  for (let slice = 0; slice < slices; slice++) {
    for (const variant of slice % 2 === 0 ? (['ours', 'stock'] as const) : (['stock', 'ours'] as const)) {
      gc();
      await post('Profiler.start');
      cpuMicros[variant] += await block(sides[variant], path, path.expected[variant], perSlice);
      const { profile: result } = (await post('Profiler.stop')) as { profile: unknown };
      profiles[variant].push(result);
    }
  }
  for (const variant of ['ours', 'stock'] as const) writeFileSync(files[variant], JSON.stringify(profiles[variant]));
  session.disconnect();
  return { cpuMicros, requests: perSlice * slices };
}

/** Full collections until the heap stops shrinking (at most five), then the reading. */
function settledHeap(answers: number): HeapReading {
  let previous = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    gcFunction?.();
    const used = process.memoryUsage().heapUsed;
    if (used >= previous) break;
    previous = used;
  }
  const usage = process.memoryUsage();
  return { answers, heapUsed: usage.heapUsed, external: usage.external };
}

/**
 * Ours answers every error path in turn (the answers are checked for their status as
 * they go); the heap is read after the warm-up and at each checkpoint.
 */
async function heapAfterAnswers(sidesOf: SidesOf, paths: readonly CostPath[], checkpoints: number[]) {
  const errorPaths = paths.filter((path) => path.key !== 'valid');
  const answer = async (index: number) => {
    const path = errorPaths[index % errorPaths.length];
    const reply = await sidesOf(path).ours(path);
    if (reply.status !== path.expected.ours)
      throw new Error(`${spec.adapter}/ours ${path.name}: ${reply.status} instead of ${path.expected.ours}`);
  };
  for (let i = 0; i < 20 * errorPaths.length; i++) await answer(i);
  const heap = [settledHeap(0)];
  let given = 0;
  for (const checkpoint of checkpoints) {
    for (; given < checkpoint; given++) await answer(given);
    heap.push(settledHeap(given));
  }
  return { paths: errorPaths.map((path) => path.key), heap };
}

/** Paths marked `bare` whose bare answer differs from ours', and why (measured without the bare app). */
const bareMissingOf = new Map<string, string>();
/** The same for the nest-floor app (measured without it). */
const floorMissingOf = new Map<string, string>();

type Built = Awaited<ReturnType<typeof build>>;
type Pair = { ours: Built; stock?: Built };

/** Ours and stock of one kind of app; ours alone for bench:memory (only ours' heap is read). */
async function pairOf(dataSource: DataSource, graphql = false): Promise<Pair> {
  const ours = await build('ours', dataSource, graphql);
  return spec.memory ? { ours } : { ours, stock: await build('stock', dataSource, graphql) };
}

const notBuilt: Injector = () => Promise.reject(new Error('stock is not built for bench:memory'));
const sidesOfPair = (pair: Pair): Sides => ({ ours: pair.ours.inject, stock: pair.stock?.inject ?? notBuilt });

async function main(): Promise<void> {
  const dataSource = await openDataSource();
  const rest = await pairOf(dataSource);
  const skipped: SkippedPath[] = [];
  let paths = COST_PATHS.filter((path) => !spec.paths || spec.paths.includes(path.key));
  // Apps of their own for the GraphQL paths, so the REST paths measure the same apps as before.
  const graphql = paths.some((path) => path.graphql) ? await pairOf(dataSource, true) : undefined;
  // The same apps on MariaDB, in a database of this worker's own: both adapters run at
  // once, and other runs (another worktree's, bench:memory) may share the server.
  const mariaDatabase = `bench_cost_${spec.adapter}_${process.pid}`;
  const maria = paths.some((path) => path.mariadb) ? await openMariaDb(mariaDatabase) : undefined;
  const mariaApps = maria && 'dataSource' in maria ? await pairOf(maria.dataSource) : undefined;
  if (maria && 'skipped' in maria) {
    for (const path of paths.filter((candidate) => candidate.mariadb))
      skipped.push({ key: path.key, reason: maria.skipped });
    paths = paths.filter((path) => !path.mariadb);
  }
  const bare = spec.memory
    ? undefined
    : injectorOf(spec.adapter === 'fastify' ? await bareFastify(new SilentLogger()) : bareExpress(new SilentLogger()));
  // The nest-floor app answers the paths the bare apps answer (its handlers are theirs, inside Nest).
  const floorApp = spec.memory ? undefined : await build('nest-floor', dataSource);
  const floor = floorApp?.inject;
  for (const path of paths.filter((candidate) => candidate.bare && bare)) {
    const difference = await bareDifference(rest.ours.inject, bare!, path);
    if (difference) bareMissingOf.set(path.key, `the bare answer differs from ours: ${difference}`);
    const floorDifference = await bareDifference(rest.ours.inject, floor!, path);
    if (floorDifference) floorMissingOf.set(path.key, `the nest-floor answer differs from ours: ${floorDifference}`);
  }
  const sidesOf: SidesOf = (path) => {
    if (path.graphql && graphql) return sidesOfPair(graphql);
    if (path.mariadb && mariaApps) return sidesOfPair(mariaApps);
    if (!path.bare || !bare) return sidesOfPair(rest);
    return {
      ...sidesOfPair(rest),
      ...(bareMissingOf.has(path.key) ? {} : { bare }),
      ...(floor && !floorMissingOf.has(path.key) ? { floor } : {}),
    };
  };
  for (const path of paths) {
    await verify('ours', sidesOf(path).ours, path);
    if (!spec.memory) await verify('stock', sidesOf(path).stock, path);
  }
  let message: CostMessage;
  if (spec.memory) {
    message = { type: 'memory', skipped, ...(await heapAfterAnswers(sidesOf, paths, spec.memory)) };
  } else if (spec.profile) {
    const path = paths.find((candidate) => candidate.key === spec.profile!.path);
    if (!path) throw new Error(`Unknown path ${spec.profile.path}`);
    const { cpuMicros, requests } = await profile(sidesOf(path), path, spec.profile.requests, spec.profile.files);
    message = { type: 'profiled', cpuMicros, requests };
  } else {
    const results = await measure(sidesOf, paths);
    const heap = spec.heapCheck ? (await heapAfterAnswers(sidesOf, paths, spec.heapCheck)).heap : undefined;
    message = { type: 'result', paths: results, skipped, timerCost, ...(heap ? { heap } : {}) };
  }
  await floorApp?.app.close();
  for (const pair of [rest, graphql, mariaApps]) {
    await pair?.ours.app.close();
    await pair?.stock?.app.close();
  }
  if (maria && 'dataSource' in maria) await closeMariaDb(maria.dataSource, mariaDatabase);
  await dataSource.destroy();
  process.send?.(message, () => process.exit(0));
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.send?.({ type: 'failed', message: text } satisfies CostMessage, () => process.exit(1));
});
