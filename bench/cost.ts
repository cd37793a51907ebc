import { cpus, loadavg, release, type } from 'node:os';
import { log, publishSection, runCommand, secondsSinceStart } from './bench-command';
import { readSection } from './benchmarks-file';
import { COST_PATHS, CostPath } from './cost-paths';
import { runCostWorker } from './cost-run';
import type { CostPathResult, CostSpec, SkippedPath } from './cost-worker';
import { median, previousMedians } from './report';

/**
 * `npm run bench:cost`: what the library costs in CPU per request against stock NestJS,
 * per error path, on both adapters. Requests are injected (no sockets, no load
 * generator), so the only CPU measured is the app's; see BENCHMARKS.md for the method
 * and why it was chosen. `--smoke` runs a few requests per path and writes nothing.
 */
const SMOKE = process.argv.includes('--smoke');

/** For development: `--paths=route,notfound`, `--adapters=fastify`, `--rounds=40` (a partial run writes nothing). */
function option(name: string): string | undefined {
  return process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);
}
const PATHS = option('paths')?.split(',');
const ADAPTERS = (option('adapters')?.split(',') ?? ['express', 'fastify']) as Array<CostSpec['adapter']>;
/** `--ours-options='{"requestIdOnSuccess":false}'`: ErrorsModule options for ours beside the defaults. */
const OURS_OPTIONS = option('ours-options');
/**
 * `--lean`: ours with every per-request opt-out (no request id on successes, no body
 * checks, so no `rawBody` either), measured and written to a section of its own.
 */
const LEAN = process.argv.includes('--lean');
/** `--without-raw-body`: ours created without `rawBody`, its options as given (for A/B runs). */
const WITHOUT_RAW_BODY = process.argv.includes('--without-raw-body');
const LEAN_OPTIONS = { requestIdOnSuccess: false, bodyChecks: false };
const SECTION = LEAN ? 'cost-lean' : 'cost';
const PARTIAL =
  PATHS !== undefined ||
  option('adapters') !== undefined ||
  option('rounds') !== undefined ||
  OURS_OPTIONS !== undefined ||
  WITHOUT_RAW_BODY;

const SETTINGS: Omit<CostSpec, 'adapter'> = {
  ...(SMOKE
    ? { rounds: 2, roundMs: 1, minRequests: 2, warmup: 10, heapCheck: [100, 200] }
    : { rounds: 80, roundMs: 15, minRequests: 15, warmup: 400 }),
  ...(option('rounds') ? { rounds: Number(option('rounds')) } : {}),
  ...(PATHS ? { paths: PATHS } : {}),
  ...(OURS_OPTIONS ? { oursOptions: JSON.parse(OURS_OPTIONS) as CostSpec['oursOptions'] } : {}),
  ...(LEAN ? { oursOptions: LEAN_OPTIONS, oursWithoutRawBody: true } : {}),
  ...(WITHOUT_RAW_BODY ? { oursWithoutRawBody: true } : {}),
};

interface Row {
  adapter: string;
  path: CostPath;
  result: CostPathResult;
  /** stock/ours of the median request, per round. */
  ratios: number[];
  median: number;
  /** stock/ours of the mean request (GC and tails included), per round. */
  meanRatios: number[];
  /** ours/bare and stock/bare of the median requests, per round (paths the bare apps answer). */
  oursOverBare?: number[];
  stockOverBare?: number[];
  /** The same over the nest-floor app (bench/nest-floor-apps.ts). */
  oursOverFloor?: number[];
  stockOverFloor?: number[];
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/**
 * A 95% confidence interval of the median from order statistics (no assumption about
 * the distribution): the ranks n/2 +- 1.96 sqrt(n)/2 of the sorted values.
 */
function medianInterval(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const half = (1.96 * Math.sqrt(n)) / 2;
  const low = Math.max(0, Math.floor(n / 2 - half));
  const high = Math.min(n - 1, Math.ceil(n / 2 + half) - 1);
  return [sorted[low], sorted[high]];
}

const two = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const micros = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 100 ? 1 : 0) : 'n/a');
const key = (row: Row): string => `${row.adapter}/${row.path.key}`;

/** A floor's cells of a row (bare or nest-floor): its CPU and the multiples of it, or why there are none. */
function floorCells(
  samples: number[] | undefined,
  oursOver: number[] | undefined,
  stockOver: number[] | undefined,
  missing: string | undefined,
): [string, string, string] {
  if (samples && oursOver && stockOver)
    return [micros(median(samples)), `${two(median(oursOver))}x`, `${two(median(stockOver))}x`];
  if (missing) return ['differs', '-', '-'];
  return ['-', '-', '-'];
}

function render(
  rows: readonly Row[],
  skipped: readonly (SkippedPath & { adapter: string })[],
  seconds: number,
  loadBefore: number[],
  loadAfter: number[],
  timerCost: string,
): string {
  const previous = previousMedians(readSection(SECTION));
  const lines = [
    LEAN
      ? '### The same with the per-request opt-outs (`npm run bench:cost -- --lean`)'
      : '## CPU per request, ours vs. stock NestJS (`npm run bench:cost`)',
    '',
    ...(LEAN
      ? [
          `Ours with \`ErrorsModule.forRoot(${JSON.stringify(LEAN_OPTIONS).replace(/"/gu, '')})\` and created without \`rawBody\` ` +
            '(nothing reads the raw body without the body checks); stock as above.',
          '',
        ]
      : []),
    `Generated by \`npm run bench:cost${LEAN ? ' -- --lean' : ''}\` on ${new Date().toISOString()} in ${Math.floor(seconds / 60)} min ${seconds % 60} s; ` +
      `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${type()} ${release()}, Node ${process.version}; ` +
      `load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')} before, ${loadAfter.map((value) => value.toFixed(2)).join(' ')} after.`,
    '',
    `One process per adapter holds both apps; after a warm-up of ${SETTINGS.warmup} requests per path and side, ` +
      `${SETTINGS.rounds} rounds per path of about ${SETTINGS.roundMs} ms of CPU per side (at least ${SETTINGS.minRequests} requests), ` +
      'ours and stock taking turns one request at a time, each request timed on its own (process CPU time). ' +
      '**Ratio = CPU of the median stock request / CPU of the median ours request in a round** (above 1: ours is cheaper); ' +
      'the table gives its median over the rounds, the 95% confidence interval of that median and the middle half of the rounds. ' +
      '"with GC" is the same ratio of the mean requests, which also carries the garbage collections, preemptions and cache refills that land on a side ' +
      `(noisier, shown to catch a side that allocates far more). Timing one request costs ${timerCost} us, taken off every sample. ` +
      '"previous run" is the median this table held before this run, and how far this run moved from it.',
    '',
    '**The floor** ("bare"): on the paths where it means something, a bare Express 5 or Fastify 5 app (no Nest, no library; ' +
      '`bench/bare-apps.ts`) answers the same request with the bytes ours answers (status, body, content type, language, ' +
      '`Vary`, `nosniff`, a fresh request id; checked against ours before measuring), doing by hand only what those bytes need. ' +
      'It is a third side in the same rotation (ours, stock and bare each take each place in turn, one request at a time), so ' +
      'the three are measured at the same moments; "ours x bare" and "stock x bare" are the median over the rounds of ' +
      'each side\'s median request over bare\'s: how many times the floor each pays. "-": a bare app would measure nothing ' +
      'the other columns do not (the database paths, where the database is the cost; GraphQL, where the GraphQL server is the framework).',
    '',
    '**The floor inside Nest** ("nest-floor", `bench/nest-floor-apps.ts`): stock\'s app (same adapter, routes, `@Param`s and global ' +
      "`ValidationPipe`, which finds no DTO there) whose handlers write ours' bytes themselves through `@Res()` after the bare apps' hand-written checks " +
      "(so on the validation paths neither class-validator nor a Standard Schema pipe runs), unknown routes answered in the place of Nest's not-found handler " +
      '(as ours does) and malformed JSON and the TypeError by a catch-all filter that only writes the bytes, as a fourth side of the same rotation, ' +
      'checked against ours like bare: it pays only Nest\'s own machinery, so "ours x nest-floor" is the most any error library could still gain inside Nest.',
    '',
    '| path | adapter | status ours / stock | CPU us/req ours / stock / bare / nest-floor | **stock/ours** | 95% CI | rounds p25-p75 | with GC | previous run (move) | target | ours x bare | stock x bare | ours x nest-floor | stock x nest-floor |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const [low, high] = medianInterval(row.ratios);
    const before = previous[key(row)];
    const move = before === undefined ? '-' : `${two(before)} (${signed((row.median / before - 1) * 100)}%)`;
    const [bareMicros, oursTimes, stockTimes] = floorCells(
      row.result.bare,
      row.oursOverBare,
      row.stockOverBare,
      row.result.bareMissing,
    );
    const [floorMicros, oursFloorTimes, stockFloorTimes] = floorCells(
      row.result.floor,
      row.oursOverFloor,
      row.stockOverFloor,
      row.result.floorMissing,
    );
    lines.push(
      `| ${row.path.name} | ${row.adapter} | ${row.path.expected.ours} / ${row.path.expected.stock} | ` +
        `${micros(median(row.result.ours))} / ${micros(median(row.result.stock))} / ${bareMicros} / ${floorMicros} | **${two(row.median)}** | ` +
        `${two(low)}-${two(high)} | ${two(quantile(row.ratios, 0.25))}-${two(quantile(row.ratios, 0.75))} | ` +
        `${two(median(row.meanRatios))} | ${move} | ` +
        `>= ${two(row.path.target)} ${row.median >= row.path.target ? 'met' : '**missed**'} | ${oursTimes} | ${stockTimes} | ${oursFloorTimes} | ${stockFloorTimes} |`,
    );
  }
  const notes = [
    ...skipped.map((path) => `- Not measured on ${path.adapter}: ${path.key}, because ${path.reason}.`),
    ...rows
      .filter((row) => row.result.bareMissing)
      .map((row) => `- No floor for ${row.path.name} on ${row.adapter}: ${row.result.bareMissing}.`),
    ...rows
      .filter((row) => row.result.floorMissing)
      .map((row) => `- No nest-floor for ${row.path.name} on ${row.adapter}: ${row.result.floorMissing}.`),
  ];
  if (notes.length > 0) lines.push('', ...notes);
  const medians = Object.fromEntries(rows.map((row) => [key(row), Number(row.median.toFixed(4))]));
  lines.push('', `<!-- medians ${JSON.stringify(medians)} -->`);
  return lines.join('\n');
}

const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

async function main(): Promise<void> {
  const loadBefore = loadavg();
  log(
    `${SMOKE ? 'Smoke' : 'Full'} cost run on ${cpus().length} cores, load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}; ` +
      `both adapters at once, ${SETTINGS.rounds} rounds of ~${SETTINGS.roundMs} ms per side and path.`,
  );
  const answers = await Promise.all(
    ADAPTERS.map(async (adapter) => {
      const answer = await runCostWorker({ adapter, ...SETTINGS });
      if (answer.type !== 'result') throw new Error(`${adapter}: unexpected answer ${answer.type}`);
      log(`${adapter} done`);
      for (const path of answer.skipped) log(`${adapter}: skipped ${path.key}: ${path.reason}`);
      if (answer.heap)
        log(
          `${adapter}: heap ${answer.heap.map((reading) => `${(reading.heapUsed / 2 ** 20).toFixed(1)} MB after ${reading.answers}`).join(', ')} error answers`,
        );
      return { adapter, paths: answer.paths, skipped: answer.skipped, timerCost: answer.timerCost };
    }),
  );
  const rows: Row[] = [];
  for (const path of COST_PATHS) {
    for (const { adapter, paths } of answers) {
      const result = paths.find((candidate) => candidate.key === path.key);
      if (!result) continue;
      const ratios = result.ours.map((ours, index) => result.stock[index] / ours);
      const meanRatios = result.oursMean.map((ours, index) => result.stockMean[index] / ours);
      const overBare = (side: number[]) => result.bare?.map((bare, index) => side[index] / bare);
      const overFloor = (side: number[]) => result.floor?.map((floor, index) => side[index] / floor);
      rows.push({
        adapter,
        path,
        result,
        ratios,
        median: median(ratios),
        meanRatios,
        oursOverBare: overBare(result.ours),
        stockOverBare: overBare(result.stock),
        oursOverFloor: overFloor(result.ours),
        stockOverFloor: overFloor(result.stock),
      });
    }
  }
  const seconds = secondsSinceStart();
  const timerCost = answers.map((answer) => `${answer.timerCost.toFixed(2)} (${answer.adapter})`).join(', ');
  const skipped = answers.flatMap((answer) => answer.skipped.map((path) => ({ ...path, adapter: answer.adapter })));
  const text = render(rows, skipped, seconds, loadBefore, loadavg(), timerCost);
  const notWritten = SMOKE
    ? 'Smoke mode: far too short to measure anything; BENCHMARKS.md is not written.'
    : PARTIAL
      ? 'A partial run: BENCHMARKS.md is not written.'
      : undefined;
  publishSection(SECTION, text, notWritten);
}

runCommand('bench:cost', main);
