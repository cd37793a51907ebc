import { resolve } from 'node:path';
import { BenchmarkSection, writeSection } from './benchmarks-file';
import { REPOSITORY_ROOT } from './processes';

/** The moment the command started: its log lines and its report count from here. */
export const started = Date.now();

/** Whole seconds since the command started. */
export function secondsSinceStart(): number {
  return Math.round((Date.now() - started) / 1000);
}

/** One progress line, with the seconds since the command started. */
export function log(message: string): void {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}\n`);
}

/**
 * Prints a command's report and writes it as its section of BENCHMARKS.md, unless
 * `notWritten` says why it is not (a smoke or partial run).
 */
export function publishSection(name: BenchmarkSection, text: string, notWritten?: string): void {
  process.stdout.write(`\n${text}\n`);
  if (notWritten !== undefined) {
    log(notWritten);
    return;
  }
  writeSection(name, text);
  log(`Wrote its section of ${resolve(REPOSITORY_ROOT, 'BENCHMARKS.md')}`);
}

/** Runs a command's main function; a failure is printed with its stack and exits 1 after `cleanUp`. */
export function runCommand(
  command: string,
  main: () => Promise<void>,
  cleanUp: () => Promise<unknown> = async () => undefined,
): void {
  main().catch(async (error: unknown) => {
    process.stderr.write(
      `${command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await cleanUp();
    process.exit(1);
  });
}
