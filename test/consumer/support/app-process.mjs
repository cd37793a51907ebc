import { spawn } from 'node:child_process';
import { childEnvironment } from './environment.mjs';

const LISTENING = /Listening on (http:\/\/\S+)/u;

// Apps still running when the test process ends (a failed hook, an interrupt) are
// killed with it, so none keeps a port or a database connection.
const running = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts a compiled app (`node dist/main.js`, as `npm run start:prod` does) on a free
 * port and resolves once it prints the address it listens on.
 */
export function startApp(directory, env, { label, timeoutMs = 120_000 }) {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: directory,
    env: childEnvironment({ PORT: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not listen within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    const onData = (chunk) => {
      log += chunk;
      const match = LISTENING.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], bootLog: log.slice(0, match.index) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${signal ?? code}) before listening:\n${log}`));
    });
  });
  return listening.then(({ url, bootLog }) => ({
    url,
    /** Everything the app printed up to "Listening on". */
    bootLog,
    /** Everything the app printed so far. */
    log: () => log,
    /**
     * The first line of the log that satisfies `test`, waiting for it: the app may
     * answer a request before what it logged about it has come through the pipe.
     */
    async logLine(test, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = log.split('\n').find(test);
        if (line !== undefined || Date.now() > deadline) return line;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  }));
}
