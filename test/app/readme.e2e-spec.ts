import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'supertest';
import { ADAPTERS, DATABASES, SampleApp, matrix, startSampleApp } from './support/app-harness';

jest.setTimeout(120_000);

/**
 * Replays the walkthrough, docs/walkthrough.md (the section between the sample-app markers): every
 * ```bash block holding a curl command is sent to a freshly started app, and what curl
 * would print (the body, then its `-w` format: the status, and where a step shows them,
 * `%{content_type}` and `%header{name}`) must equal the ```text block after it.
 * Timestamps are the only thing allowed to differ.
 */
interface Step {
  command: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** curl's `-w` format, written after the body. */
  writeOut: string;
  expected: string;
}

const WALKTHROUGH = readFileSync(join(__dirname, '..', '..', 'docs', 'walkthrough.md'), 'utf8');
const SECTION = /<!-- sample-app:start -->([\s\S]*?)<!-- sample-app:end -->/u.exec(WALKTHROUGH)?.[1] ?? '';
const STEP = /```bash\n(curl [\s\S]*?)\n```\s*```text\n([\s\S]*?)\n```/gu;
/** The `-w` formats the replay knows: newlines, the status, the content type, response headers. */
const WRITE_OUT = /^(?:\\n|%\{http_code\}|%\{content_type\}|%header\{[a-z-]+\}| )+$/u;
const TIMESTAMP = /"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z"/gu;

/** Shell words: 'single-quoted' (taken literally), "double-quoted" and bare words. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/gu;
  for (const match of command.replace(/\\\n/gu, ' ').matchAll(pattern)) {
    words.push(match[1] ?? match[2]?.replace(/\\(.)/gu, '$1') ?? match[3]);
  }
  return words;
}

function parseCurl(command: string, expected: string): Step {
  const words = shellWords(command);
  const step: Step = { command, method: 'GET', path: '', headers: {}, body: undefined, writeOut: '', expected };
  for (let index = 1; index < words.length; index++) {
    const word = words[index];
    if (word === '-s') continue;
    if (word === '-w') {
      step.writeOut = words[++index];
      if (!WRITE_OUT.test(step.writeOut) || !step.writeOut.includes('%{http_code}')) {
        throw new Error(`Unexpected -w format in: ${command}`);
      }
    } else if (word === '-X') step.method = words[++index];
    else if (word === '-H') {
      const [name, ...value] = words[++index].split(':');
      step.headers[name.trim()] = value.join(':').trim();
    } else if (word === '-d') {
      step.body = words[++index];
      if (step.method === 'GET') step.method = 'POST';
    } else if (/^https?:\/\//u.test(word)) step.path = new URL(word).pathname + new URL(word).search;
    else throw new Error(`The walkthrough replay does not know the curl argument ${word} in: ${command}`);
  }
  return step;
}

const STEPS: Step[] = [...SECTION.matchAll(STEP)].map((match) => parseCurl(match[1], match[2]));

/** What curl prints for a `-w` format: `\n`, the status, the content type, response headers. */
function writeOut(format: string, response: { status: number; headers: Record<string, string> }): string {
  return format
    .replace(/\\n/gu, '\n')
    .replace('%{http_code}', String(response.status))
    .replace('%{content_type}', response.headers['content-type'] ?? '')
    .replace(/%header\{([a-z-]+)\}/gu, (_, name: string) => response.headers[name] ?? '');
}

function normalise(text: string): string {
  return text.replace(TIMESTAMP, '"<timestamp>"');
}

it('the walkthrough has curl steps', () => {
  expect(STEPS.length).toBeGreaterThanOrEqual(20);
  // Every curl in the section is replayed: none is missing its printed answer.
  expect(SECTION.match(/```bash\ncurl /gu)?.length).toBe(STEPS.length);
});

describe.each(matrix(DATABASES, ADAPTERS))('the walkthrough on %s with %s', (kind, adapter) => {
  let app: SampleApp;
  beforeAll(async () => {
    app = await startSampleApp(kind, adapter);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers every curl as printed', async () => {
    for (const step of STEPS) {
      const method = step.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
      let request: Test = app.http()[method](step.path);
      for (const [name, value] of Object.entries(step.headers)) request = request.set(name, value);
      const response = step.body === undefined ? await request : await request.send(step.body);
      const printed = `${response.text ?? ''}${writeOut(step.writeOut, response)}`.replace(/\n$/u, '');
      expect({ command: step.command, answer: normalise(printed) }).toEqual({
        command: step.command,
        answer: normalise(step.expected),
      });
    }
  });
});
