import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { REPOSITORY_ROOT } from '../test/support/processes/app-process';
import { canRunInfrastructure } from '../test/support/processes/availability';
import { LocalPostgres, startLocalPostgres } from '../test/support/processes/local-postgres';
import { pgbouncerInstalled } from '../test/support/processes/pgbouncer';
import { renderPng, timelineSvg } from './chart';
import { Mode, startCluster } from './cluster';
import { FAULTS, FaultDurations } from './faults';
import { FaultWindow, RECOVERY_BOUND_MS, figuresOf, waitBound } from './figures';
import { Load, LoadContext } from './load';
import { checkPersistence } from './persistence';
import { ModeResult, figuresTable, persistenceLines, renderReport } from './report';

/**
 * `npm run soak`: the sample app as 3 processes on a PostgreSQL server of the run's own,
 * directly and through PgBouncer, under a steady mixed load while faults are injected
 * one after the other; asserts what a client may get and that nothing acknowledged is
 * lost, and writes docs/soak-report.md with a timeline chart per fault (docs/soak/).
 * `--short` (CI) runs every fault with shorter windows and writes nothing.
 */
const SHORT = process.argv.includes('--short');
/** For development: `--mode=direct` or `--mode=pgbouncer` runs one half (no report is written). */
const ONLY_MODE = /^--mode=(direct|pgbouncer)$/u.exec(process.argv.find((arg) => arg.startsWith('--mode=')) ?? '')?.[1];
const SETTINGS: {
  workers: number;
  databaseFreeWorkers: number;
  raceEveryMs: number;
  warmupMs: number;
  baselineMs: number;
  observeMs: number;
  durations: FaultDurations;
} = SHORT
  ? {
      workers: 8,
      databaseFreeWorkers: 2,
      raceEveryMs: 500,
      warmupMs: 2_000,
      baselineMs: 2_000,
      observeMs: 9_000,
      durations: { pause: 5, stop: 3, slow: 6 },
    }
  : {
      workers: 12,
      databaseFreeWorkers: 2,
      raceEveryMs: 400,
      warmupMs: 5_000,
      baselineMs: 5_000,
      observeMs: 15_000,
      durations: { pause: 5, stop: 5, slow: 10 },
    };

const DOCS = resolve(REPOSITORY_ROOT, 'docs');
const CHARTS = 'soak';
const begun = Date.now();
const clock = () => Date.now() - begun;
const failures: string[] = [];

function log(message: string): void {
  process.stdout.write(`[${(clock() / 1000).toFixed(0).padStart(4)}s] ${message}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runMode(postgres: LocalPostgres, mode: Mode, logDir: string): Promise<ModeResult> {
  log(`${mode}: starting 3 app processes${mode === 'pgbouncer' ? ' behind PgBouncer' : ''}`);
  const cluster = await startCluster(postgres, mode, logDir);
  const crashed: string[] = [];
  for (const [index, app] of cluster.apps.entries())
    void app.exited.then(({ code, signal }) => crashed.push(`app ${index + 1} exited (${code ?? signal})`));
  const started = clock();
  const context = new LoadContext(cluster.fixture, mode === 'direct' ? 'd' : 'p');
  const load = new Load(cluster.targets, context, clock, SETTINGS);
  const windows: FaultWindow[] = [];
  let stopped = false;
  try {
    load.start();
    await sleep(SETTINGS.warmupMs);
    for (const fault of FAULTS.filter((candidate) => candidate.modes.includes(mode))) {
      await sleep(SETTINGS.baselineMs);
      const start = clock();
      log(`${mode}: ${fault.title}`);
      await fault.inject(cluster, SETTINGS.durations, load);
      const end = clock();
      await sleep(SETTINGS.observeMs);
      windows.push({
        mode,
        key: fault.key,
        title: fault.title,
        start,
        end,
        observedUntil: clock(),
        chartFrom: start - SETTINGS.baselineMs,
      });
    }
    await load.stop();
    stopped = true;
    if (crashed.length > 0) failures.push(`${mode}: ${crashed.join('; ')}`);
    const persistence = await checkPersistence(
      postgres.url(cluster.database),
      cluster.recordsTable,
      context,
      load.races,
    );
    const figures = windows.map((window) =>
      figuresOf(window, load.samples, load.races, cluster.targets.length, persistence.lostAt),
    );
    judge(mode, figures, persistence);
    // The steady load between the faults is judged as well.
    const steady = load.samples.filter(
      (sample) => sample.problem && !windows.some((w) => sample.start >= w.start && sample.start < w.observedUntil),
    );
    for (const sample of steady.slice(0, 5))
      failures.push(`${mode} / steady load: ${sample.operation} on app ${sample.target + 1}: ${sample.problem}`);
    const charts = SHORT ? [] : writeCharts(figures, load.samples);
    return { mode, figures, persistence, answers: load.samples.length, seconds: (clock() - started) / 1000, charts };
  } finally {
    if (!stopped) await load.stop().catch(() => undefined);
    await cluster.close();
  }
}

function judge(
  mode: string,
  figures: ReturnType<typeof figuresOf>[],
  persistence: Awaited<ReturnType<typeof checkPersistence>>,
): void {
  for (const figure of figures) {
    const label = `${mode} / ${figure.window.title}`;
    for (const sample of figure.wrong.slice(0, 5))
      failures.push(`${label}: ${sample.operation} on app ${sample.target + 1}: ${sample.problem}`);
    if (figure.wrong.length > 5) failures.push(`${label}: ${figure.wrong.length - 5} more wrong answers`);
    for (const sample of figure.overBound.slice(0, 5))
      failures.push(
        `${label}: ${sample.operation} waited ${sample.end - sample.start} ms, bound ${waitBound(sample.operation)} ms`,
      );
    if (figure.recoveryMs === undefined) failures.push(`${label}: a process never answered 2xx again`);
    else if (figure.recoveryMs > RECOVERY_BOUND_MS)
      failures.push(`${label}: recovered after ${figure.recoveryMs} ms, bound ${RECOVERY_BOUND_MS} ms`);
    for (const race of figure.races.broken)
      failures.push(`${label}: race ${race.username} answered ${race.statuses.join(',')}`);
    if (figure.races.total === 0) failures.push(`${label}: no race ran`);
  }
  for (const lost of persistence.lost.slice(0, 10)) failures.push(`${mode}: acknowledged but not stored: ${lost}`);
  for (const duplicate of persistence.duplicateUsernames) failures.push(`${mode}: username stored twice: ${duplicate}`);
  for (const race of persistence.raceRows.slice(0, 10)) failures.push(`${mode}: race rows: ${race}`);
}

function writeCharts(figures: ReturnType<typeof figuresOf>[], samples: Load['samples']): ModeResult['charts'] {
  mkdirSync(join(DOCS, CHARTS), { recursive: true });
  return figures.map((figure) => {
    const file = `${CHARTS}/${figure.window.mode}-${figure.window.key}.png`;
    const subtitle =
      `${figure.unavailable} x 503, longest wait ${(figure.longestWaitMs / 1000).toFixed(1)} s, ` +
      `recovered ${figure.recoveryMs === undefined ? 'never' : `${(figure.recoveryMs / 1000).toFixed(1)} s`} after the end, ` +
      `${figure.wrong.length} wrong answers, ${figure.lostRows} rows lost`;
    writeFileSync(join(DOCS, file), renderPng(timelineSvg(figure.window, samples, subtitle)));
    return { file, title: `Timeline, ${figure.window.mode}: ${figure.window.title}` };
  });
}

function header(modes: readonly Mode[], totalSeconds: number): string[] {
  const cpu = cpus();
  return [
    `Generated by \`npm run soak\` on ${new Date().toISOString()} in ${Math.round(totalSeconds / 60)} min ${Math.round(totalSeconds % 60)} s (${modes.join(' and ')}).`,
    '',
    `- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${type()} ${release()}; load average at the end ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} (other jobs share it: the absolute rates mean little).`,
    `- Node ${process.version}; ${SETTINGS.workers} closed-loop clients (and ${SETTINGS.databaseFreeWorkers} sending only requests that need no database) and one race every ${SETTINGS.raceEveryMs} ms; ${SETTINGS.baselineMs / 1000} s of steady load before each fault and ${SETTINGS.observeMs / 1000} s after it; PAUSE lasts ${SETTINGS.durations.pause} s, PgBouncer stays stopped ${SETTINGS.durations.stop} s, the slow statements hold their locks ${SETTINGS.durations.slow} s.`,
  ];
}

/** The figures and the charts between docs/operations.md's soak markers, formatted as `npm run lint` wants. */
async function updateOperationsPage(results: readonly ModeResult[]): Promise<void> {
  const file = join(DOCS, 'operations.md');
  const page = readFileSync(file, 'utf8');
  const start = page.indexOf(SOAK_START);
  const end = page.indexOf(SOAK_END);
  if (start < 0 || end < start) throw new Error(`docs/operations.md has no ${SOAK_START} ... ${SOAK_END} section.`);
  const summary = [
    SOAK_START,
    '',
    `The last full run (${new Date().toISOString().slice(0, 10)}; every figure and chart in [docs/soak-report.md](soak-report.md)):`,
    '',
    ...figuresTable(results),
    '',
    ...persistenceLines(results),
    '',
    ...results.flatMap((result) => result.charts.map((chart) => `![${chart.title}](${chart.file})`)),
    '',
  ].join('\n');
  const updated = page.slice(0, start) + summary + page.slice(end);
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(updated, { ...options, filepath: file }));
}

const SOAK_START = '<!-- soak:start -->';
const SOAK_END = '<!-- soak:end -->';

async function main(): Promise<void> {
  if (!canRunInfrastructure('the soak run', { pgbouncer: false })) return;
  const modes: Mode[] = ONLY_MODE === 'pgbouncer' ? [] : ['direct'];
  if (ONLY_MODE === 'direct') {
    // One half only, on request.
  } else if (pgbouncerInstalled()) modes.push('pgbouncer');
  else if (process.env.CI) throw new Error('pgbouncer is not installed; CI must run the soak through PgBouncer.');
  else log('pgbouncer is not installed (apt-get install -y pgbouncer): the PgBouncer half is skipped.');

  log(`soak${SHORT ? ' (short)' : ''}: starting a PostgreSQL server of its own`);
  const postgres = await startLocalPostgres();
  // The app processes' logs (each 503 is logged with its cause): kept for a failed run.
  const logDir = mkdtempSync(join(tmpdir(), 'soak-logs-'));
  const results: ModeResult[] = [];
  try {
    for (const mode of modes) results.push(await runMode(postgres, mode, logDir));
  } finally {
    await postgres.destroy();
  }
  const totalSeconds = clock() / 1000;
  process.stdout.write(`\n${figuresTable(results).join('\n')}\n\n${persistenceLines(results).join('\n')}\n\n`);
  if (!SHORT && !ONLY_MODE) {
    writeFileSync(join(DOCS, 'soak-report.md'), renderReport(results, header(modes, totalSeconds), failures));
    await updateOperationsPage(results);
    log('wrote docs/soak-report.md, its charts and the summary in docs/operations.md');
  }
  if (failures.length > 0) {
    process.stderr.write(
      `soak: ${failures.length} assertion(s) failed:\n${failures.map((f) => `- ${f}`).join('\n')}\n`,
    );
    process.exitCode = 1;
  } else {
    log(`soak: every assertion held (${Math.round(totalSeconds)} s)`);
    rmSync(logDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
