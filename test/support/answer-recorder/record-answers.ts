import { appendFileSync } from 'node:fs';
import { ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { basename, join } from 'node:path';

/**
 * Records the status line, headers and body of every error answer (status >= 400) the
 * test servers write, so two runs of the suites can be compared byte for byte
 * (`node test/support/answer-recorder/compare.mjs before after`). Loaded only on demand:
 *
 *     RECORD_ANSWERS_DIR=/tmp/answers npx jest --setupFilesAfterEnv ./test/support/answer-recorder/record-answers.ts
 *
 * Values that differ per run (request ids, dates) are replaced by placeholders.
 */
const dir = process.env.RECORD_ANSWERS_DIR;
const CURRENT = Symbol.for('answer-recorder.current');
const PATCHED = Symbol.for('answer-recorder.patched');
type Holder = { [CURRENT]?: (raw: string) => void; [PATCHED]?: boolean };
// Node's prototypes outlive each test file's sandbox: the patch is installed once per
// worker, and each test file puts its own recorder where the patch looks it up.
const holder = ServerResponse.prototype as unknown as Holder;
const prototypes = holder;

if (dir) {
  holder[CURRENT] = (raw: string) => {
    const state = expect.getState();
    const file = basename(state.testPath ?? 'unknown');
    appendFileSync(
      join(dir, `${file}.jsonl`),
      `${JSON.stringify({ test: state.currentTestName ?? '', raw: normalize(raw) })}\n`,
    );
  };
  if (!prototypes[PATCHED]) {
    prototypes[PATCHED] = true;
    const write = ServerResponse.prototype.write;
    const end = ServerResponse.prototype.end;
    const chunksOf = new WeakMap<object, Buffer[]>();
    ServerResponse.prototype.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunksOf, this, chunk);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse['write'];
    ServerResponse.prototype.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      if (typeof chunk !== 'function') keep(chunksOf, this, chunk);
      const result = (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
      const header = (this as unknown as { _header?: string })._header;
      if (this.statusCode >= 400 && typeof header === 'string') {
        const body = Buffer.concat(chunksOf.get(this) ?? []).toString('utf8');
        holder[CURRENT]?.(`${header}${body}`);
      }
      return result;
    } as ServerResponse['end'];
    const socketEnd = Socket.prototype.end;
    Socket.prototype.end = function (this: Socket, data?: unknown, ...rest: unknown[]) {
      if (typeof data === 'string' && data.startsWith('HTTP/1.1 ')) holder[CURRENT]?.(`[socket] ${data}`);
      return (socketEnd as (...args: unknown[]) => Socket).call(this, data, ...rest);
    } as Socket['end'];
  }
}

function keep(chunksOf: WeakMap<object, Buffer[]>, response: object, chunk: unknown): void {
  if (chunk === undefined || chunk === null) return;
  const buffer =
    typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;
  if (!buffer) return;
  const chunks = chunksOf.get(response) ?? [];
  chunks.push(buffer);
  chunksOf.set(response, chunks);
}

function normalize(raw: string): string {
  return raw
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu, '<uuid>')
    .replace(/^date: .*$/gimu, 'date: <date>')
    .replace(/^keep-alive: .*$/gimu, 'keep-alive: <keep-alive>');
}
