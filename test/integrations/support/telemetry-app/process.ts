import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { REPOSITORY_ROOT, ensureLibraryBuilt } from '../../../support/processes/app-process';
import type { ObservedCounterPoint, ObservedSpan, TelemetryMessage, TelemetryRequest } from './observations';

export interface TelemetryApp {
  readonly baseUrl: string;
  /** The spans finished and the counter's points recorded since the last call. */
  collect(meter: string, counter: string): Promise<{ spans: ObservedSpan[]; points: ObservedCounterPoint[] }>;
  output(): string;
  stop(): Promise<void>;
}

/** Starts telemetry-app/main.ts on the adapter, as `node -r @swc-node/register` runs an app. */
export async function startTelemetryApp(adapter: 'express' | 'fastify'): Promise<TelemetryApp> {
  ensureLibraryBuilt();
  const env: NodeJS.ProcessEnv = { ...process.env, HTTP_ADAPTER: adapter, SWC_NODE_SOURCE_MAP_MODE: 'none' };
  for (const key of Object.keys(env)) if (key.startsWith('JEST_')) delete env[key];
  delete env.NODE_OPTIONS;
  const child: ChildProcess = fork(join(__dirname, 'main.ts'), [], {
    cwd: REPOSITORY_ROOT,
    env,
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`telemetry app not listening after 90 s:\n${output}`)), 90_000);
    child.on('message', (message: TelemetryMessage) => {
      if (message.type === 'listening') {
        clearTimeout(timer);
        done(message.port);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`telemetry app exited before listening:\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    collect(meter, counter) {
      return new Promise((done) => {
        const onMessage = (message: TelemetryMessage) => {
          if (message.type !== 'collected') return;
          child.off('message', onMessage);
          done({ spans: message.spans, points: message.points });
        };
        child.on('message', onMessage);
        child.send({ type: 'collect', meter, counter } satisfies TelemetryRequest);
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
