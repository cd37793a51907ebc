import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { CostMessage, CostSpec } from './cost-worker';
import { REPOSITORY_ROOT } from './processes';

/**
 * Forks one cost worker (bench/cost-worker.ts) and waits for its one answer. The V8
 * flags are part of the method (see BENCHMARKS.md, "How the cost meter measures").
 */
export function runCostWorker(spec: CostSpec, v8Flags: readonly string[] = []): Promise<CostMessage> {
  return new Promise((done, fail) => {
    const child = fork(resolve(REPOSITORY_ROOT, 'bench/cost-worker.ts'), [], {
      cwd: REPOSITORY_ROOT,
      execArgv: ['-r', '@swc-node/register', '--expose-gc', ...v8Flags],
      // As a compiled production build runs: no source-map rewriting of stack traces.
      env: {
        ...process.env,
        BENCH_COST: JSON.stringify(spec),
        NODE_ENV: 'production',
        SWC_NODE_SOURCE_MAP_MODE: 'none',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: CostMessage | undefined;
    child.once('message', (message: CostMessage) => {
      answer = message;
    });
    child.once('error', fail);
    child.once('exit', (code) => {
      if (answer?.type === 'failed') fail(new Error(`cost worker (${spec.adapter}) failed: ${answer.message}`));
      else if (answer) done(answer);
      else fail(new Error(`cost worker (${spec.adapter}) exited with ${code} without an answer`));
    });
  });
}
