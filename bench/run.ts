import { fork } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { cpus, freemem, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { rmSync, writeFileSync } from 'node:fs';
import { log, runCommand, secondsSinceStart } from './bench-command';
import { readSection, writeSection } from './benchmarks-file';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { DUPLICATE_BODY, INVALID_BODY, VALID_BODY } from './apps';
import { HttpCall, LoadResult, assertStatuses, contractProblem, load, send } from './load';
import type { MicroResult, MicroSpec } from './micro';
import { BenchProcess, REPOSITORY_ROOT } from './processes';
import type { DatabaseSpec, ServerSpec } from './protocol';
import {
  ConcurrencyRow,
  MemoryRow,
  Report,
  ScenarioRow,
  heapGrowth,
  median,
  mediansComment,
  previousMedians,
  render,
  rowMeetsTarget,
} from './report';

/**
 * `npm run bench` (full, writes BENCHMARKS.md) and `npm run bench:smoke` (a second or
 * two per scenario, prints only: for CI, so the bench cannot rot). See BENCHMARKS.md for
 * what is measured and how.
 */
const SMOKE = process.argv.includes('--smoke');
/** For development: `--only=http` runs scenarios 1-4 and the ceiling only (BENCHMARKS.md is not written). */
const ONLY_HTTP = process.argv.includes('--only=http');

/** How long one warm-up or one round lasts: seconds, or a number of requests. */
type Span = { duration: number } | { amount: number };
const SETTINGS: {
  connections: number;
  dbConnections: number;
  warmup: Span;
  round: Span;
  dbRound: Span;
  rounds: number;
  dbRounds: number;
  memory: readonly [number, number];
  races: number;
} = SMOKE
  ? {
      connections: 16,
      dbConnections: 8,
      warmup: { duration: 0.3 },
      round: { duration: 0.3 },
      // PGlite on a busy machine may answer nothing in a few tenths of a second.
      dbRound: { amount: 30 },
      rounds: 3,
      dbRounds: 3,
      memory: [1_000, 2_000],
      races: 1,
    }
  : {
      connections: 32,
      dbConnections: 16,
      warmup: { duration: 1.5 },
      round: { duration: 2 },
      dbRound: { duration: 2 },
      rounds: 5,
      dbRounds: 3,
      memory: [10_000, 100_000],
      races: 3,
    };
const spanText = (span: Span): string => ('duration' in span ? `${span.duration} s` : `${span.amount} requests`);
const ADAPTERS = ['express', 'fastify'] as const;
type Adapter = (typeof ADAPTERS)[number];

interface Scenario {
  name: string;
  call: HttpCall;
  expected: { ours: number; stock: number };
  target: number;
}

const HTTP_SCENARIOS: readonly Scenario[] = [
  {
    name: '1. valid POST',
    call: { method: 'POST', path: '/users', body: VALID_BODY },
    expected: { ours: 201, stock: 201 },
    target: 0.97,
  },
  {
    name: '2. POST, 5 violations',
    call: { method: 'POST', path: '/users', body: INVALID_BODY },
    expected: { ours: 400, stock: 400 },
    target: 1.0,
  },
  {
    name: '3. unknown route',
    call: { method: 'GET', path: '/no/such/route' },
    expected: { ours: 404, stock: 404 },
    target: 1.0,
  },
  {
    name: '4. unexpected error',
    call: { method: 'GET', path: '/boom' },
    expected: { ours: 500, stock: 500 },
    target: 1.0,
  },
];
/** Stock Nest has no translation for a QueryFailedError: its default filter answers 500. */
const DB_SCENARIO: Scenario = {
  name: '5. unique violation',
  call: { method: 'POST', path: '/db/users', body: DUPLICATE_BODY },
  expected: { ours: 409, stock: 500 },
  target: 1.0,
};
const ERROR_MIX: readonly HttpCall[] = HTTP_SCENARIOS.slice(1).map((scenario) => scenario.call);

/** The sample app's create-user route (src/users, under the API prefix of src/app.setup.ts). */
const SAMPLE_APP_USERS = '/api/v0/users';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DATABASE = `bench_${process.pid}`;

const running = new Set<BenchProcess>();
const failures: string[] = [];

async function startServer(spec: ServerSpec): Promise<BenchProcess> {
  const server = await BenchProcess.server(spec);
  running.add(server);
  return server;
}

async function stop(...servers: BenchProcess[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
  for (const server of servers) running.delete(server);
}

/** One request per scenario before any load: the right status, and ours in the contract. */
async function verify(server: BenchProcess, variant: 'ours' | 'stock', scenarios: readonly Scenario[]): Promise<void> {
  for (const scenario of scenarios) {
    const reply = await send(server.url, scenario.call);
    const expected = scenario.expected[variant];
    if (reply.status !== expected)
      throw new Error(`${server.label} ${scenario.name}: ${reply.status} instead of ${expected}: ${reply.text}`);
    if (variant === 'ours' && expected >= 400) {
      const problem = contractProblem(reply);
      if (problem) throw new Error(`${server.label} ${scenario.name}: not in the contract (${problem}): ${reply.text}`);
    }
  }
}

async function measure(
  server: BenchProcess,
  scenario: Scenario,
  variant: 'ours' | 'stock',
  span: Span,
  connections: number,
): Promise<LoadResult> {
  const cpuBefore = await server.cpuMicros();
  const result = await load(server.url, [scenario.call], { connections, ...span });
  result.cpuPerRequest = ((await server.cpuMicros()) - cpuBefore) / result.total;
  assertStatuses(`${server.label} ${scenario.name}`, result, [scenario.expected[variant]]);
  return result;
}

function statusesOf(results: readonly LoadResult[]): string {
  return [...new Set(results.flatMap((result) => Object.keys(result.statuses)))].join(',');
}

/**
 * One (adapter, scenario set): ours and stock started once each, warmed up, then rounds
 * interleaved per scenario (ours, stock, ours, stock...). The ceiling, when given, runs
 * after each 400 pair.
 */
async function compare(
  adapter: Adapter,
  scenarios: readonly Scenario[],
  ours: BenchProcess,
  stock: BenchProcess,
  rounds: number,
  span: Span,
  connections: number,
  ceiling?: { server: BenchProcess; results: LoadResult[] },
  database?: string,
): Promise<ScenarioRow[]> {
  await verify(ours, 'ours', scenarios);
  await verify(stock, 'stock', scenarios);
  const ceilingScenario = scenarios.find((scenario) => scenario.expected.ours === 400);
  for (const scenario of scenarios) {
    await measure(ours, scenario, 'ours', SETTINGS.warmup, connections);
    await measure(stock, scenario, 'stock', SETTINGS.warmup, connections);
  }
  if (ceiling && ceilingScenario)
    await load(ceiling.server.url, [ceilingScenario.call], { connections, ...SETTINGS.warmup });

  const rows: ScenarioRow[] = scenarios.map((scenario) => ({
    scenario: scenario.name,
    adapter,
    database,
    ours: [],
    stock: [],
    ratios: [],
    target: scenario.target,
    statuses: { ours: '', stock: '' },
  }));
  for (let round = 1; round <= rounds; round++) {
    for (const [index, scenario] of scenarios.entries()) {
      const row = rows[index];
      const a = await measure(ours, scenario, 'ours', span, connections);
      const b = await measure(stock, scenario, 'stock', span, connections);
      row.ours.push(a);
      row.stock.push(b);
      row.ratios.push(a.rps / b.rps);
      if (ceiling && scenario === ceilingScenario) {
        const c = await load(ceiling.server.url, [scenario.call], { connections, ...span });
        assertStatuses('ceiling', c, [400]);
        ceiling.results.push(c);
      }
    }
    log(
      `  ${adapter}${database ? `/${database}` : ''} round ${round}/${rounds}: ` +
        rows
          .map((row) => {
            const [a, b] = [row.ours[row.ours.length - 1], row.stock[row.stock.length - 1]];
            return `${row.scenario.slice(0, 2)} ${(a.rps / b.rps).toFixed(2)}x (cpu ${((b.cpuPerRequest ?? 0) / (a.cpuPerRequest ?? 1)).toFixed(2)}x)`;
          })
          .join('  '),
    );
  }
  for (const row of rows) row.statuses = { ours: statusesOf(row.ours), stock: statusesOf(row.stock) };
  return rows;
}

/** Heap of a fresh ours server after N and after M error responses (400/404/500 in turn). */
async function memory(adapter: Adapter, server: BenchProcess): Promise<MemoryRow> {
  try {
    await verify(server, 'ours', HTTP_SCENARIOS);
    const start = await server.heapUsed();
    const [first, second] = SETTINGS.memory;
    const mixed = await load(server.url, ERROR_MIX, { connections: SETTINGS.connections, amount: first });
    assertStatuses(`memory ${adapter}`, mixed, [400, 404, 500]);
    const after10k = await server.heapUsed();
    const rest = await load(server.url, ERROR_MIX, { connections: SETTINGS.connections, amount: second - first });
    assertStatuses(`memory ${adapter}`, rest, [400, 404, 500]);
    const after100k = await server.heapUsed();
    const row = {
      adapter,
      start,
      after10k,
      after100k,
      counts: [mixed.total, mixed.total + rest.total] as [number, number],
    };
    log(
      `  memory ${adapter}: ${(after10k / 2 ** 20).toFixed(1)} MB -> ${(after100k / 2 ** 20).toFixed(1)} MB (${(heapGrowth(row) * 100).toFixed(1)}%)`,
    );
    return row;
  } finally {
    await stop(server);
  }
}

interface Answer {
  status: number;
  body: string;
}

/** One POST on its own connection (no keep-alive pool), so all 200 are in flight at once. */
function postAlone(port: number, path: string, body: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => done({ status: incoming.statusCode ?? 0, body: text }));
      },
    );
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

/** 200 simultaneous creates of one username: exactly one 201, 199 409s in the contract, one row. */
async function race(
  server: BenchProcess,
  adapter: Adapter,
  database: string,
  attempt: number,
): Promise<ConcurrencyRow> {
  const username = `racer${attempt}${adapter[0]}`;
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      postAlone(server.port, SAMPLE_APP_USERS, JSON.stringify({ username, email: `${username}-${i}@example.com` })),
    ),
  );
  const count = (status: number) => answers.filter((answer) => answer.status === status).length;
  const conflicts = answers.filter((answer) => answer.status === 409);
  const contractOk = conflicts.every((answer) => {
    const items = JSON.parse(answer.body) as Array<Record<string, unknown>>;
    return (
      Array.isArray(items) &&
      items.length === 1 &&
      Object.keys(items[0]).join() === 'message,error_code,field,details' &&
      items[0].field === 'username' &&
      /^\d{4}$/u.test(String(items[0].error_code))
    );
  });
  const others = answers.filter((answer) => ![201, 409].includes(answer.status) && answer.status < 500);
  const serverErrors = answers.filter((answer) => answer.status >= 500).length;
  const { rows } = await server.ask<'count'>({ type: 'count', username });
  const row: ConcurrencyRow = {
    adapter,
    database,
    attempt,
    created: count(201),
    conflicts: conflicts.length,
    serverErrors,
    other: others.map((answer) => answer.status).join(','),
    rows,
    contractOk,
    exact:
      count(201) === 1 &&
      conflicts.length === 199 &&
      serverErrors === 0 &&
      others.length === 0 &&
      rows === 1 &&
      contractOk,
  };
  log(
    `  race ${database}/${adapter} #${attempt}: 201=${row.created} 409=${row.conflicts} 5xx=${serverErrors} rows=${rows} ${row.exact ? 'exact' : 'NOT EXACT'}`,
  );
  if (!row.exact) {
    const sample = answers.find((answer) => answer.status !== 201 && answer.status !== 409) ?? conflicts[0];
    failures.push(
      `concurrency ${database}/${adapter} #${attempt} not exact: ${JSON.stringify(row)} sample ${sample?.status} ${sample?.body}`,
    );
  }
  return row;
}

async function postgresAvailable(): Promise<string | undefined> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${BENCH_DATABASE}`;
    return url.toString();
  } catch (error) {
    log(
      `PostgreSQL not usable at ${ADMIN_URL.replace(/\/\/([^:/@]+):[^@]*@/u, '//$1:***@')} (${(error as Error).message}): real-server rows skipped.`,
    );
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropBenchDatabase(): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  } catch (error) {
    log(`Could not drop database ${BENCH_DATABASE}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PGlite's first boot runs initdb (seconds, more on a busy machine). It is done once
 * here; every PGlite server then boots from this data directory in about a second.
 */
async function preparePgliteDataDir(): Promise<string> {
  const file = join(tmpdir(), `bench-pglite-${process.pid}.tar`);
  const instance = await PGlite.create();
  const dump = await instance.dumpDataDir('none');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await instance.close();
  return file;
}

function runMicro(spec: MicroSpec): Promise<MicroResult> {
  return new Promise((done, fail) => {
    const child = fork(resolve(REPOSITORY_ROOT, 'bench/micro.ts'), [], {
      cwd: REPOSITORY_ROOT,
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        BENCH_MICRO: JSON.stringify(spec),
        NODE_ENV: 'production',
        SWC_NODE_SOURCE_MAP_MODE: 'none',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message: { type: string; result?: MicroResult; message?: string }) => {
      if (message.type === 'micro' && message.result) done(message.result);
      else fail(new Error(`micro-benchmarks failed: ${message.message}`));
    });
    child.once('exit', (code) => code !== 0 && fail(new Error(`micro-benchmarks exited with ${code}`)));
  });
}

/** CPU busy share over one second, all cores (other engineers' tests share the machine). */
async function cpuBusy(): Promise<number> {
  const sample = () =>
    cpus().reduce(
      (sum, cpu) => ({
        idle: sum.idle + cpu.times.idle,
        total: sum.total + Object.values(cpu.times).reduce((a, b) => a + b, 0),
      }),
      { idle: 0, total: 0 },
    );
  const before = sample();
  await new Promise((done) => setTimeout(done, 1000));
  const after = sample();
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

async function main(): Promise<void> {
  const busyBefore = await cpuBusy();
  const loadBefore = loadavg();
  log(
    `${SMOKE ? 'Smoke' : 'Full'} bench on ${cpus().length} cores; load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}, CPU busy ${(busyBefore * 100).toFixed(0)}% before start.`,
  );
  const rows: ScenarioRow[] = [];
  const ceilingResults: LoadResult[] = [];
  const memoryRows: MemoryRow[] = [];
  const concurrency: ConcurrencyRow[] = [];
  const loads: number[] = [];
  const sampleLoad = setInterval(() => loads.push(loadavg()[0]), 5000);

  const postgresUrl = await postgresAvailable();
  let ceiling: BenchProcess | undefined;
  let pgliteDataDir: string | undefined;
  try {
    // Scenarios 1-4 and the ceiling.
    // All started up front (an idle server costs no CPU); each pair is measured in turn.
    log('HTTP scenarios: starting ours and stock on both adapters');
    const httpServers = await Promise.all(
      ADAPTERS.flatMap((adapter) => [
        startServer({ adapter, variant: 'ours' }),
        startServer({ adapter, variant: 'stock' }),
      ]),
    );
    for (const [index, adapter] of ADAPTERS.entries()) {
      log(`HTTP scenarios on ${adapter}`);
      const [ours, stock] = httpServers.slice(index * 2, index * 2 + 2);
      if (!ceiling) {
        const body = (await send(ours.url, HTTP_SCENARIOS[1].call)).text;
        ceiling = await BenchProcess.start('ceiling', 'bench/ceiling.ts', { BENCH_CEILING_BODY: body });
        running.add(ceiling);
        const reply = await send(ceiling.url, HTTP_SCENARIOS[1].call);
        if (reply.text !== body || contractProblem(reply))
          throw new Error('The ceiling does not answer the library 400 body.');
      }
      rows.push(
        ...(await compare(adapter, HTTP_SCENARIOS, ours, stock, SETTINGS.rounds, SETTINGS.round, SETTINGS.connections, {
          server: ceiling,
          results: ceilingResults,
        })),
      );
      await stop(ours, stock);
    }
    if (ceiling) await stop(ceiling);

    if (ONLY_HTTP) {
      const text = render({
        smoke: SMOKE,
        header: [],
        rows,
        ceiling: ceilingResults,
        memory: [],
        concurrency: [],
        notes: [],
      });
      process.stdout.write(`\n${text}\n`);
      return;
    }

    // Memory after error responses.
    log('Memory');
    const fresh = await Promise.all(ADAPTERS.map((adapter) => startServer({ adapter, variant: 'ours' })));
    for (const [index, adapter] of ADAPTERS.entries()) memoryRows.push(await memory(adapter, fresh[index]));

    // Scenario 5 and the concurrency run, on PGlite and on the real server.
    log('Preparing a PGlite data directory');
    pgliteDataDir = await preparePgliteDataDir();
    const databases: DatabaseSpec[] = [{ kind: 'pglite', dataDir: pgliteDataDir }];
    if (postgresUrl) databases.push({ kind: 'postgres', url: postgresUrl, schema: 'unused' });
    for (const database of databases) {
      log(`Database scenario on ${database.kind}: starting ours and stock for both adapters`);
      const specFor = (adapter: Adapter, variant: 'ours' | 'stock'): ServerSpec => ({
        adapter,
        variant,
        database: database.kind === 'postgres' ? { ...database, schema: `${variant}_${adapter}` } : database,
      });
      // Started together (PGlite takes seconds to boot); each pair is measured while the
      // other pair sits idle.
      const servers = await Promise.all(
        ADAPTERS.flatMap((adapter) => [startServer(specFor(adapter, 'ours')), startServer(specFor(adapter, 'stock'))]),
      );
      for (const [index, adapter] of ADAPTERS.entries()) {
        const [ours, stock] = servers.slice(index * 2, index * 2 + 2);
        rows.push(
          ...(await compare(
            adapter,
            [DB_SCENARIO],
            ours,
            stock,
            SETTINGS.dbRounds,
            SETTINGS.dbRound,
            SETTINGS.dbConnections,
            undefined,
            database.kind,
          )),
        );
      }
      await stop(...servers);
      // The concurrency run, against the sample app itself (its users table, unique index and registry).
      const apps = await Promise.all(
        ADAPTERS.map((adapter) =>
          startServer({
            adapter,
            variant: 'ours',
            sampleApp: true,
            database: database.kind === 'postgres' ? { ...database, schema: `sample_${adapter}` } : database,
          }),
        ),
      );
      for (const [index, adapter] of ADAPTERS.entries()) {
        for (let attempt = 1; attempt <= SETTINGS.races; attempt++)
          concurrency.push(await race(apps[index], adapter, database.kind, attempt));
      }
      await stop(...apps);
    }

    log('Micro-benchmarks');
    const micro = await runMicro({
      database: postgresUrl
        ? { kind: 'postgres', url: postgresUrl, schema: 'micro' }
        : { kind: 'pglite', dataDir: pgliteDataDir },
      rounds: SMOKE ? 1 : 5,
      roundMs: SMOKE ? 200 : 1000,
      flattenIterations: SMOKE ? 20 : 200,
    });

    clearInterval(sampleLoad);
    const seconds = secondsSinceStart();
    const report: Report = {
      smoke: SMOKE,
      previous: previousMedians(readSection('throughput')),
      header: header(seconds, loadBefore, busyBefore, loads),
      rows,
      ceiling: ceilingResults,
      memory: memoryRows,
      micro,
      concurrency,
      notes: notes(postgresUrl !== undefined),
    };
    const text = render(report) + summary(report);
    process.stdout.write(`\n${text}\n`);
    if (!SMOKE) {
      writeSection(
        'throughput',
        `## Throughput over sockets (\`npm run bench\`)\n\n${text}\n\n${mediansComment(report)}`,
      );
      log('Wrote its section of BENCHMARKS.md');
    }
  } finally {
    clearInterval(sampleLoad);
    await Promise.all([...running].map((server) => server.stop().catch(() => undefined)));
    if (postgresUrl) await dropBenchDatabase();
    if (pgliteDataDir) rmSync(pgliteDataDir, { force: true });
  }
  if (failures.length > 0) {
    for (const failure of failures) process.stderr.write(`FAIL: ${failure}\n`);
    process.exitCode = 1;
  }
}

function header(seconds: number, loadBefore: number[], busyBefore: number, loads: number[]): string[] {
  const cpu = cpus();
  const sampled =
    loads.length > 0
      ? `; 1-min load average during the run: min ${Math.min(...loads).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}`
      : '';
  return [
    `Generated by \`npm run bench${SMOKE ? ':smoke' : ''}\` on ${new Date().toISOString()} in ${Math.floor(seconds / 60)} min ${seconds % 60} s.`,
    '',
    `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free), ${type()} ${release()}`,
    `- Node ${process.version}; NestJS ${packageVersion('@nestjs/core')}, Express adapter ${packageVersion('@nestjs/platform-express')}, Fastify adapter ${packageVersion('@nestjs/platform-fastify')}, fastify ${packageVersion('fastify')}, autocannon ${packageVersion('autocannon')}`,
    `- Other load on the machine: load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')} and CPU ${(busyBefore * 100).toFixed(0)}% busy just before the run${sampled}.`,
    `- Load: autocannon in the runner process over loopback, ${SETTINGS.connections} connections (${SETTINGS.dbConnections} for the database scenario), no pipelining; ` +
      `each server warmed up ${spanText(SETTINGS.warmup)} per scenario, then ${SETTINGS.rounds} rounds of ${spanText(SETTINGS.round)} ` +
      `(${SETTINGS.dbRounds} of ${spanText(SETTINGS.dbRound)} for the database scenario), interleaved ours, stock, ours, stock...`,
  ];
}

function packageVersion(name: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(resolve(REPOSITORY_ROOT, 'node_modules', name, 'package.json')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function notes(postgres: boolean): string[] {
  return [
    ...(SMOKE
      ? [
          '**Smoke mode: runs far too short to measure anything.** It only proves that every scenario runs and answers what it should.',
        ]
      : []),
    '"ours" = `ErrorsModule.forRoot({ logger })` + `new ContractValidationPipe()`, app created with `rawBody: true` (the library checks UTF-8 on the raw body, so ours pays for keeping it); ' +
      '"stock" = `new ValidationPipe()` and Nest\'s default exception filter, no rawBody. Same DTO, routes, bodies and adapter; each server is its own process.',
    "Both variants get the same silent logger (Nest's `logger` option and ErrorsModule's `logger`): it writes nothing, but it renders what it is given as a real logger would (an Error's stack included), because stock Nest hands its logger the Error object while the library renders the stack into its log line itself.",
    'Ratios are throughput ours/stock of back-to-back rounds; min / median / max over the rounds. "% of ceiling" compares with plain Fastify answering the same 400 body. ' +
      '"previous run" is the median this table held before this run and how far this run moved from it: on this 2-core machine shared with other work, ' +
      'these medians move by up to about 20% between two runs of the same code (more where ours outruns the load generator), more than most of the differences they measure, which is why `npm run bench:cost` (CPU per injected request) is the measure to steer by.',
    'Scenario 5: stock Nest has no translation for a QueryFailedError, so stock answers that request with its generic 500; ours answers the contract 409. ' +
      'Each server has its own PGlite instance (in-process, single session) or its own schema in a scratch database on the real server (pool of 10).',
    postgres
      ? 'The real server: PostgreSQL on 127.0.0.1:5432, scratch database bench_<pid> created and dropped by the run.'
      : 'PostgreSQL was not reachable: real-server rows were skipped.',
    'Memory: a fresh ours server per adapter, heap after global.gc() (run with --expose-gc), read over IPC.',
  ];
}

function summary(report: Report): string {
  const lines = ['', '### Targets', ''];
  for (const row of report.rows) {
    lines.push(
      `- ${row.scenario}${row.database ? ` (${row.database})` : ''} on ${row.adapter}: median ${median(row.ratios).toFixed(2)}x, target >= ${row.target.toFixed(2)}x: ${rowMeetsTarget(row) ? 'met' : 'MISSED'}`,
    );
  }
  for (const row of report.memory) {
    lines.push(
      `- heap growth ${row.adapter}: ${(heapGrowth(row) * 100).toFixed(1)}%, target <= 10%: ${Math.abs(heapGrowth(row)) <= 0.1 ? 'met' : 'MISSED'}`,
    );
  }
  const exact = report.concurrency.every((row) => row.exact);
  lines.push(
    `- concurrency: ${report.concurrency.length} runs, ${exact ? 'all exact (met)' : 'NOT all exact (MISSED)'}`,
  );
  return lines.join('\n');
}

runCommand('bench', main, () => Promise.all([...running].map((server) => server.stop().catch(() => undefined))));
