import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { ServerMessage, ServerRequest, ServerSpec } from './protocol';

export const REPOSITORY_ROOT = resolve(__dirname, '..');

/** Every child is compiled by @swc-node/register like the runner; --expose-gc for heap readings. */
function execArgvFor(extra: readonly string[]): string[] {
  return ['-r', '@swc-node/register', '--expose-gc', ...extra];
}

/** A forked process that reports `{type: 'ready', port}` once it listens. */
export class BenchProcess {
  private readonly waiting: Array<(message: ServerMessage) => void> = [];
  private exited = false;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (message: ServerMessage) => this.waiting.shift()?.(message));
    child.on('exit', () => {
      this.exited = true;
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(
    label: string,
    script: string,
    env: Record<string, string>,
    extraExecArgv: readonly string[] = [],
  ): Promise<BenchProcess> {
    const child = fork(resolve(REPOSITORY_ROOT, script), [], {
      cwd: REPOSITORY_ROOT,
      execArgv: execArgvFor(extraExecArgv),
      // Like a compiled production build (`nest build`, plain node): no source-map
      // rewriting of stack traces, which would make every stack formatting far dearer.
      env: { ...process.env, ...env, NODE_ENV: 'production', SWC_NODE_SOURCE_MAP_MODE: 'none' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`${label}: not ready after 120 s`)), 120_000);
      child.once('message', (message: ServerMessage) => {
        clearTimeout(timer);
        if (message.type === 'ready') done(message.port);
        else fail(new Error(`${label} failed to start: ${message.type === 'failed' ? message.message : message.type}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`${label} exited with code ${code} before it was ready`));
      });
    });
    return new BenchProcess(label, child, port);
  }

  static server(spec: ServerSpec, extraExecArgv: readonly string[] = []): Promise<BenchProcess> {
    const label = `${spec.sampleApp ? 'sample-app' : spec.variant}/${spec.adapter}${spec.database ? `/${spec.database.kind}` : ''}`;
    return BenchProcess.start(label, 'bench/server.ts', { BENCH_SERVER: JSON.stringify(spec) }, extraExecArgv);
  }

  /** One IPC request, one answer (the server answers in order). */
  ask<T extends ServerMessage['type']>(request: ServerRequest): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((done, fail) => {
      if (this.exited) return fail(new Error(`${this.label} has exited`));
      const timer = setTimeout(() => fail(new Error(`${this.label}: no answer to ${request.type}`)), 60_000);
      this.waiting.push((message) => {
        clearTimeout(timer);
        done(message as Extract<ServerMessage, { type: T }>);
      });
      this.child.send(request);
    });
  }

  async heapUsed(): Promise<number> {
    return (await this.ask<'heap'>({ type: 'heap' })).heapUsed;
  }

  /** CPU time (user + system) the process has used so far, microseconds. */
  async cpuMicros(): Promise<number> {
    return (await this.ask<'cpu'>({ type: 'cpu' })).micros;
  }

  /** Asks the process to close and exit (so --cpu-prof can write), killing it if it does not. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((done) => this.child.once('exit', () => done()));
    this.child.send({ type: 'exit' } satisfies ServerRequest);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
