import { cpus, loadavg, release, type } from 'node:os';
import { log, publishSection, runCommand, secondsSinceStart } from './bench-command';
import { runBenchWorker } from './cost-run';
import { median } from './report';
import type { RotationSettings } from './rotation';
import { MOST_APP_CODES, UNCAPPED } from './scale-apps';
import type { RegistryResult, ScaleMessage, ScaleSpec, StartupResult, ViolationsResult } from './scale-worker';

/**
 * `npm run bench:scale`: how the CPU of one error answer grows with the number of
 * violations in it and with the size of the code registry, per adapter, and how long an
 * app with the largest registry takes to start. Answers are measured as bench:cost
 * measures (bench/rotation.ts); start-ups in fresh processes, configurations in turn.
 * `--smoke` runs a little of everything and writes nothing.
 */
const SMOKE = process.argv.includes('--smoke');
const ADAPTERS = ['express', 'fastify'] as const;
type Adapter = (typeof ADAPTERS)[number];

/** The validation pipe's default `maxErrors`: answers stop there (the last object says how many were left out). */
const DEFAULT_CAP = 100;
const VIOLATION_COUNTS = SMOKE ? [1, 10, 1000] : [1, 10, DEFAULT_CAP, 1000];
const REGISTRY_SIZES = SMOKE ? [1, 100] : [1, 100, 1000, MOST_APP_CODES];
const STARTUP_CODES = SMOKE ? [0, 100] : [0, 1000, MOST_APP_CODES];
const STARTUPS = SMOKE ? 1 : 7;
const SETTINGS: RotationSettings = SMOKE
  ? { rounds: 2, roundMs: 1, minRequests: 2, warmup: 2 }
  : { rounds: 30, roundMs: 15, minRequests: 5, warmup: 100 };

function runWorker(spec: ScaleSpec): Promise<ScaleMessage> {
  return runBenchWorker<ScaleMessage>('scale-worker.ts', 'BENCH_SCALE', spec);
}

const two = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const micros = (value: number): string =>
  Number.isFinite(value) ? (value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')) : 'n/a';
const count = (value: number): string => value.toLocaleString('en-US');
/** The median over the rounds of one side's median request divided by another's, round by round. */
const ratioOf = (top: number[], bottom: number[]): number => median(top.map((value, index) => value / bottom[index]));

function violationRows(adapter: Adapter, results: ViolationsResult[]): string[] {
  const one = results.find((result) => result.count === 1);
  const base = one ? median(one.medians.ours) : Number.NaN;
  return results.map((result, index) => {
    const ours = median(result.medians.ours);
    const stock = median(result.medians.stock);
    const previous = results[index - 1];
    const step = previous ? (ours - median(previous.medians.ours)) / (result.count - previous.count) : Number.NaN;
    const lifted = result.medians['ours, cap lifted'];
    const liftedCells = lifted
      ? `${micros(median(lifted))} us, ${count(result.objects['ours, cap lifted'])} objects, ` +
        `${two((median(lifted) - base) / (result.count - 1))} us per violation`
      : '-';
    return (
      `| ${count(result.count)} | ${adapter} | ${count(result.objects.ours)} / ${count(result.objects.stock)} | ` +
      `${micros(ours)} / ${micros(stock)} | **${two(ratioOf(result.medians.stock, result.medians.ours))}** | ` +
      `${result.count === 1 ? '-' : two((ours - base) / (result.count - 1))} | ${Number.isFinite(step) ? two(step) : '-'} | ${liftedCells} |`
    );
  });
}

function registryRows(adapter: Adapter, results: RegistryResult[]): string[] {
  return results.map((result) => {
    const smallest = result.medians[String(REGISTRY_SIZES[0])];
    const largest = result.medians[String(REGISTRY_SIZES[REGISTRY_SIZES.length - 1])];
    const cells = REGISTRY_SIZES.map((size) => micros(median(result.medians[String(size)])));
    return `| ${adapter} | ${result.language} | ${cells.join(' / ')} | **${two(ratioOf(largest, smallest))}** |`;
  });
}

function startupRows(adapter: Adapter, results: Map<number, StartupResult[]>): string[] {
  const base = results.get(STARTUP_CODES[0]) ?? [];
  const baseCpu = median(base.map((result) => result.startCpuMs));
  return STARTUP_CODES.map((codes) => {
    const runs = results.get(codes) ?? [];
    const cpu = median(runs.map((result) => result.startCpuMs));
    const wall = median(runs.map((result) => result.startMs));
    const define = median(runs.map((result) => result.defineMs));
    return (
      `| ${adapter} | ${count(codes)} | ${two(define)} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ` +
      `${codes === STARTUP_CODES[0] ? '-' : `${cpu - baseCpu >= 0 ? '+' : ''}${(cpu - baseCpu).toFixed(0)} ms (${two(cpu / baseCpu)}x)`} |`
    );
  });
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  log(
    `${SMOKE ? 'Smoke' : 'Full'} scale run on ${cpus().length} cores, load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}.`,
  );
  const answers = await Promise.all(
    ADAPTERS.map(async (adapter) => {
      const answer = await runWorker({
        mode: 'answers',
        adapter,
        settings: SETTINGS,
        violationCounts: VIOLATION_COUNTS,
        registrySizes: REGISTRY_SIZES,
      });
      if (answer.type !== 'answers') throw new Error(`${adapter}: unexpected answer ${answer.type}`);
      log(`${adapter}: answers measured`);
      return { adapter, ...answer };
    }),
  );
  // Start-ups one at a time (a start-up is mostly wall time: nothing else of ours runs
  // beside it), the configurations in turn so the machine's load weighs on each alike.
  const startups = new Map<Adapter, Map<number, StartupResult[]>>(ADAPTERS.map((adapter) => [adapter, new Map()]));
  for (let run = 0; run < STARTUPS; run++) {
    for (const adapter of ADAPTERS) {
      for (const codes of run % 2 === 0 ? STARTUP_CODES : [...STARTUP_CODES].reverse()) {
        const answer = await runWorker({ mode: 'startup', adapter, codes });
        if (answer.type !== 'startup') throw new Error(`${adapter}: unexpected answer ${answer.type}`);
        const runs = startups.get(adapter)!;
        runs.set(codes, [...(runs.get(codes) ?? []), answer.result]);
      }
    }
  }
  log('start-ups measured');
  const seconds = secondsSinceStart();
  const loadAfter = loadavg();
  const lines = [
    '## How the cost of an answer grows (`npm run bench:scale`)',
    '',
    `Generated by \`npm run bench:scale\` on ${new Date().toISOString()} in ${Math.floor(seconds / 60)} min ${seconds % 60} s; ` +
      `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${type()} ${release()}, Node ${process.version}; ` +
      `load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')} before, ${loadAfter.map((value) => value.toFixed(2)).join(' ')} after.`,
    '',
    `Answers are measured as \`bench:cost\` measures (one process per adapter, the sides in turn one request at a time, ` +
      `CPU time per request, ${SETTINGS.rounds} rounds of about ${SETTINGS.roundMs} ms per side after ${SETTINGS.warmup} requests of warm-up, ` +
      'the median request of each round, the median over the rounds).',
    '',
    '### Violations in one answer',
    '',
    '`POST /scale/items` with `{"items": [{"n": "x"}, ...]}` and a DTO whose `items` are validated nested (`@ValidateNested({ each: true })`, ' +
      '`@IsInt() n`): one violation per item. Ours: `ContractValidationPipe` with its defaults (at most ' +
      `${DEFAULT_CAP} objects: ${DEFAULT_CAP - 1} errors and one \`TOO_MANY_ERRORS\` saying how many were left out), and with ` +
      `\`maxErrors: ${UNCAPPED}\` ("cap lifted", every violation answered); stock: \`new ValidationPipe()\` (one message per violation). ` +
      'class-validator finds every violation on both sides whatever the cap. "us per violation" is the growth from one violation: ' +
      '(CPU at N - CPU at 1) / (N - 1); "per added violation" is the same between this row and the one above: ' +
      'if it does not rise as N grows, the cost grows linearly or better.',
    '',
    '| violations | adapter | objects ours / stock | CPU us/req ours / stock | **stock/ours** | ours: us per violation | ours: per added violation | ours, cap lifted |',
    '|---|---|---|---|---|---|---|---|',
    ...answers.flatMap((answer) => violationRows(answer.adapter, answer.violations)),
    '',
    '### Size of the code registry',
    '',
    `\`ErrorsModule.forRoot({ codes, messages })\` with N app codes (6000 upwards) and a German message for each; a service throws ` +
      'the last code registered (`throw new DomainError(code, { details: { id: 42 } })`, 404), answered in English and, with ' +
      '`Accept-Language: de`, in German. The application range (6000-9999) holds ' +
      `${count(MOST_APP_CODES)} codes, so ${count(MOST_APP_CODES)} is the largest registry an app can have (10,000 cannot be registered). ` +
      'The apps of every size take turns in one rotation.',
    '',
    `| adapter | language | CPU us/req with ${REGISTRY_SIZES.map(count).join(' / ')} app codes | **largest / smallest** |`,
    '|---|---|---|---|',
    ...answers.flatMap((answer) => registryRows(answer.adapter, answer.registry)),
    '',
    '### Start-up with the largest registry',
    '',
    `A fresh process per start-up, ${STARTUPS} per configuration and adapter, configurations in turn; medians. ` +
      '"define" is the app\'s own module code (`defineErrorCode` for each code, the German messages), timed apart; ' +
      '"create + init" is `NestFactory.create` and `app.init()` of a module with `ErrorsModule.forRoot({ codes, messages })` ' +
      '(English and German, a message for every code in both), the modules already loaded. Wall time includes what else ran on the machine; CPU time does not.',
    '',
    '| adapter | app codes | define ms | create + init ms (wall) | create + init ms (CPU) | CPU vs. 0 app codes |',
    '|---|---|---|---|---|---|',
    ...ADAPTERS.flatMap((adapter) => startupRows(adapter, startups.get(adapter)!)),
  ];
  publishSection('scale', lines.join('\n'), SMOKE ? 'Smoke mode: BENCHMARKS.md is not written.' : undefined);
}

runCommand('bench:scale', main);
