import fc from 'fast-check';
import { Agent, request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { SampleApp, startSampleApp } from '../../app/support/app-harness';
import { contractProblem, RawAnswer } from '../../support/contract-problem';
import { AdapterName } from '../../support/test-app';
import { API, FuzzRequest, fuzzRequest } from './requests';
import { stateOf } from './state';

/**
 * Cases per adapter: FUZZ_RUNS (default 3,000, what `npm test` and CI run, about half a
 * minute per adapter; `npm run fuzz` runs 30,000). FUZZ_SEED and FUZZ_PATH replay a
 * failure fast-check reported.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);
/**
 * The default run (`npm test`, CI) uses a fixed seed, so that a green run stays green
 * and a red one replays; `npm run fuzz` (FUZZ_RUNS set) draws a new seed each time to
 * explore, and a seed it fails on becomes a regular test.
 */
const FIXED_SEED = 20261121;
const SEED =
  process.env.FUZZ_SEED !== undefined
    ? Number(process.env.FUZZ_SEED)
    : process.env.FUZZ_RUNS === undefined
      ? FIXED_SEED
      : undefined;
const PATH = process.env.FUZZ_PATH;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** About 15 ms a case on a busy 2-core machine, snapshots included; generous. */
const TIMEOUT_MS = 120_000 + RUNS * 100;

/**
 * Fuzzes every route of the sample app on one adapter (PGlite in memory), over real
 * HTTP. Invariants: never a 5xx; every error in the contract; the server keeps
 * answering; a state-changing request that answered 4xx changed nothing (the whole
 * stored state is compared). A failure prints the seed and a curl that sends the same
 * request to `npm start`.
 */
export function describeFuzzing(adapter: AdapterName): void {
  describe(`fuzzing every route of the sample app on ${adapter} (PGlite)`, () => {
    let app: SampleApp;
    let port: number;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });

    beforeAll(async () => {
      app = await startSampleApp('pglite', adapter);
      port = (app.app.getHttpServer().address() as { port: number }).port;
      await seed(app);
    });
    afterAll(async () => {
      agent.destroy();
      await app?.close();
    });

    it(
      `${RUNS} arbitrary requests: never a 5xx, always the contract, a refused change changes nothing`,
      async () => {
        const dataSource = app.app.get(DataSource);
        const snapshot = () => stateOf(dataSource, app.schemas);
        let state = await snapshot();
        const statuses = new Map<string, number>();
        const property = fc.asyncProperty(fuzzRequest, async (request) => {
          const answer = await send(port, request, agent);
          const key = `${request.method} ${answer.status}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          const problem = judge(request, answer);
          if (problem) throw new Error(failureText(problem, request, answer, adapter));
          if (!STATE_CHANGING.has(request.method)) return;
          const after = await snapshot();
          if (answer.status >= 400 && after !== state) {
            const reason = `answered ${answer.status} but changed the stored state:\n${firstDifference(state, after)}`;
            state = after;
            throw new Error(failureText(reason, request, answer, adapter));
          }
          state = after;
        });
        const result = await fc.check(property, { numRuns: RUNS, seed: SEED, path: PATH, verbose: 0 });
        process.stderr.write(
          `fuzz ${adapter}: ${[...statuses]
            .sort()
            .map(([key, count]) => `${key}: ${count}`)
            .join(', ')}\n`,
        );
        if (result.failed) {
          throw new Error(
            `The fuzzer found a failing request (after ${result.numRuns} cases, shrunk ${result.numShrinks} times).\n` +
              `Replay: FUZZ_SEED=${result.seed} FUZZ_PATH=${result.counterexamplePath} npx jest test/fuzz/${adapter}\n\n` +
              `${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`,
          );
        }
        // The server is still up and answers from its database.
        const last = await send(
          port,
          { method: 'GET', target: `${API}/users?limit=1`, headers: {}, body: undefined },
          agent,
        );
        expect(last.status).toBe(200);
      },
      TIMEOUT_MS,
    );
  });
}

/** A user table with columns, a unique constraint and records, so that ids 1-2 exist for every route. */
async function seed(app: SampleApp): Promise<void> {
  const ok = async (request: PromiseLike<{ status: number; body: unknown }>) => {
    const response = await request;
    if (response.status >= 300) throw new Error(`seed: ${response.status} ${JSON.stringify(response.body)}`);
  };
  await ok(app.http().post(`${API}/users`).send({ email: 'alice@example.com', username: 'alice' }));
  await ok(app.http().post(`${API}/users`).send({ email: 'bob@example.com', username: 'bob' }));
  await ok(app.http().post(`${API}/tables`).send({ name: 'pantry', owner_id: 1 }));
  await ok(app.http().post(`${API}/tables`).send({ name: 'books', owner_id: 2 }));
  await ok(app.http().post(`${API}/tables/1/columns`).send({ name: 'item', type: 'TEXT' }));
  await ok(
    app
      .http()
      .post(`${API}/tables/1/columns`)
      .send({ name: 'price', type: 'NUMERIC', type_options: { precision: 8, scale: 2 } }),
  );
  await ok(app.http().post(`${API}/tables/1/columns`).send({ name: 'qty', type: 'INTEGER' }));
  await ok(
    app
      .http()
      .post(`${API}/tables/1/constraints`)
      .send({ type: 'unique', columns: ['item'] }),
  );
  await ok(
    app
      .http()
      .post(`${API}/tables/1/records`)
      .send({ values: { item: 'rice', price: 2.5, qty: 3 } }),
  );
  await ok(
    app
      .http()
      .post(`${API}/tables/1/records`)
      .send({ values: { item: 'tea', price: 4, qty: 1 } }),
  );
}

export function judge(request: FuzzRequest, answer: RawAnswer & { error?: string }): string | undefined {
  if (answer.error) return `no answer: ${answer.error}`;
  if (answer.status >= 500) return `a ${answer.status}`;
  if (answer.status < 400) return undefined;
  if (request.method === 'HEAD') {
    const type = answer.headers['content-type'];
    const contract = type === 'application/json; charset=utf-8' || type === 'application/problem+json; charset=utf-8';
    return contract ? undefined : 'HEAD error type';
  }
  const problem = contractProblem(answer);
  return problem ? `not in the contract (${problem})` : undefined;
}

export function send(port: number, request: FuzzRequest, agent: Agent): Promise<RawAnswer & { error?: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = request.body.length;
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: request.method, path: request.target, headers, agent, timeout: 30_000 },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', (error) => resolve({ status: 0, headers: {}, body: '', error: error.message }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 30 s')));
    outgoing.on('error', (error) => resolve({ status: 0, headers: {}, body: '', error: error.message }));
    outgoing.end(request.body);
  });
}

function failureText(problem: string, request: FuzzRequest, answer: RawAnswer, adapter: AdapterName): string {
  return [
    `${request.method} ${request.target}: ${problem}`,
    `Answer: ${answer.status} ${answer.body.slice(0, 500)}`,
    `Reproduce against \`HTTP_ADAPTER=${adapter} npm start\` (the stored state came from the cases before it):`,
    curl(request),
  ].join('\n');
}

/** A curl command that sends exactly this request (body through base64, so any bytes survive). */
export function curl(request: FuzzRequest): string {
  const quote = (text: string) => `'${text.replace(/'/gu, `'\\''`)}'`;
  const headers = Object.entries(request.headers).map(([name, value]) => `-H ${quote(`${name}: ${value}`)}`);
  // curl adds these by default: an empty value removes them when the case did not send them.
  if (request.headers.accept === undefined) headers.push(`-H 'Accept:'`);
  if (request.headers['content-type'] === undefined && request.body !== undefined) headers.push(`-H 'Content-Type:'`);
  const method = request.method === 'HEAD' ? '--head' : `-X ${request.method}`;
  const url = quote(`http://localhost:3000${request.target}`);
  const command = `curl -i --path-as-is ${method} ${headers.join(' ')}`;
  if (request.body === undefined) return `${command} ${url}`;
  return `printf %s ${quote(request.body.toString('base64'))} | base64 -d | ${command} --data-binary @- ${url}`;
}

function firstDifference(before: string, after: string): string {
  let index = 0;
  while (index < before.length && before[index] === after[index]) index++;
  return `before: ...${before.slice(Math.max(0, index - 80), index + 200)}\nafter:  ...${after.slice(Math.max(0, index - 80), index + 200)}`;
}
