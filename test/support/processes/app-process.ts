import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './system-user';

export const REPOSITORY_ROOT = resolve(__dirname, '../../..');

/**
 * The sample app as `npm start` runs it, in a process of its own: src/main.ts compiled
 * on the fly by @swc-node/register (as the bench runs its servers), configured by its
 * environment only (PORT, DATABASE_URL or PGLITE_DATA_DIR, HTTP_ADAPTER).
 */
export interface AppProcess {
  readonly port: number;
  readonly pid: number;
  /** http://127.0.0.1:<port>/api/v0 */
  readonly baseUrl: string;
  /** What the process wrote so far (stdout and stderr; the last 256 KB at least). */
  output(): string;
  signal(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited after `ms`. */
  stop(ms?: number): Promise<void>;
}

/** Children still running when this process exits are killed with it. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startAppProcess(
  env: Record<string, string>,
  label = 'app',
  options: { logFile?: string } = {},
): Promise<AppProcess> {
  ensureLibraryBuilt();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: REPOSITORY_ROOT,
    env: {
      ...withoutJestVariables(process.env),
      NODE_ENV: 'production',
      SWC_NODE_SOURCE_MAP_MODE: 'none',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The last 256 KB only: a long run logs every 5xx it answers.
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 512 * 1024) output = output.slice(-256 * 1024);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (options.logFile) {
    const file = createWriteStream(options.logFile);
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${label}: not listening after 120 s:\n${output}`)), 120_000);
    const check = () => {
      if (output.includes('Listening on http://')) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        done();
      }
    };
    child.stdout?.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`${label} exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return {
    port,
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}/api/v0`,
    output: () => output,
    signal: (signal) => {
      child.kill(signal);
    },
    exited,
    async stop(ms = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The app imports the library by its package name, which resolves to its build (dist).
 * Builds the workspace packages when a build is missing or older than a source file,
 * so the process never runs a stale library.
 */
export function ensureLibraryBuilt(): void {
  const packages = ['libs/errors', 'libs/typeorm-pglite'];
  const stale = packages.some((root) => {
    const built = join(REPOSITORY_ROOT, root, 'dist', 'index.js');
    if (!existsSync(built)) return true;
    return newestSource(join(REPOSITORY_ROOT, root, 'src')) > statSync(built).mtimeMs;
  });
  if (stale)
    execFileSync('npm', ['run', 'build', '--workspaces', '--silent'], { cwd: REPOSITORY_ROOT, stdio: 'ignore' });
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Jest's worker variables would make the child think it is a test worker. */
function withoutJestVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const key of Object.keys(copy)) if (key.startsWith('JEST_')) delete copy[key];
  delete copy.NODE_OPTIONS;
  return copy;
}
