import { spawn } from 'node:child_process';
import { childEnvironment } from './environment.mjs';

/**
 * Runs a command to completion; resolves with its output, rejects with the command,
 * exit code and output when it fails or outlives `timeoutMs`.
 */
export function run(command, args, { cwd, env = {}, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else {
        const how = signal
          ? `was killed (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs} ms` : ''})`
          : `exited ${code}`;
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) ${how}:\n${output}`));
      }
    });
  });
}

/** Runs `step`, prints how long it took, and returns its result. */
export async function timed(label, step) {
  const started = performance.now();
  try {
    return await step();
  } finally {
    console.log(`# ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
