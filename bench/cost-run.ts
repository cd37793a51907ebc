import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { CostMessage, CostSpec } from './cost-worker';
import { REPOSITORY_ROOT } from './processes';

/** What a bench worker answers once: its result, or why it failed. */
type WorkerMessage = { type: string; message?: string };

/**
 * Forks one bench worker (a script of bench/ that reads its spec as JSON from the
 * environment variable `envName`) and waits for its one answer. It runs as a compiled
 * production build does: no source-map rewriting of stack traces.
 */
export function runBenchWorker<M extends WorkerMessage>(
  script: string,
  envName: string,
  spec: { adapter: string },
  v8Flags: readonly string[] = [],
): Promise<M> {
  const name = `${script.replace(/-worker\.ts$/u, '')} worker (${spec.adapter})`;
  return new Promise((done, fail) => {
    const child = fork(resolve(REPOSITORY_ROOT, 'bench', script), [], {
      cwd: REPOSITORY_ROOT,
      execArgv: ['-r', '@swc-node/register', '--expose-gc', ...v8Flags],
      env: {
        ...process.env,
        [envName]: JSON.stringify(spec),
        NODE_ENV: 'production',
        SWC_NODE_SOURCE_MAP_MODE: 'none',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: M | undefined;
    child.once('message', (message: M) => {
      answer = message;
    });
    child.once('error', fail);
    child.once('exit', (code) => {
      if (answer?.type === 'failed') fail(new Error(`${name} failed: ${answer.message}`));
      else if (answer) done(answer);
      else fail(new Error(`${name} exited with ${code} without an answer`));
    });
  });
}

/**
 * Forks one cost worker (bench/cost-worker.ts) and waits for its one answer. The V8
 * flags are part of the method (see BENCHMARKS.md, "How the cost meter measures").
 */
export function runCostWorker(spec: CostSpec, v8Flags: readonly string[] = []): Promise<CostMessage> {
  return runBenchWorker<CostMessage>('cost-worker.ts', 'BENCH_COST', spec, v8Flags);
}
