import fc from 'fast-check';
import { Agent } from 'node:http';
import { DataSource } from 'typeorm';
import { Table } from '../../src/tables/table.entity';
import { TableColumn } from '../../src/tables/table-column.entity';
import { ADAPTERS, DATABASES, SampleApp, startSampleApp } from '../app/support/app-harness';
import { curl, judge, send } from './support/fuzz-app';
import { API } from './support/requests';
import { LiveIds, raceBatch } from './support/schema-races';

/**
 * The fuzzer's concurrent mode, on the real PostgreSQL server (PGlite runs one query at a
 * time: nothing races there). Each case is a batch of requests sent at once: column
 * renames, retypes, additions and deletions, record inserts and reads, constraints, table
 * deletions, and now and then any request of the sequential fuzzer, aimed at the tables
 * and columns that exist when the batch leaves. Invariants: never a 5xx, every error in
 * the contract, the server keeps answering. FUZZ_CONCURRENT_RUNS batches per adapter
 * (default 60, about 500 requests); FUZZ_SEED replays.
 */
const RUNS = Number(process.env.FUZZ_CONCURRENT_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261206;
const SERVER = DATABASES.filter((kind) => kind === 'postgres');
if (SERVER.length === 0) {
  process.stderr.write('concurrent fuzzer: the PostgreSQL server is not reachable: skipped.\n');
}

describe.each(SERVER.flatMap((kind) => ADAPTERS.map((adapter) => [kind, adapter] as const)))(
  'concurrent fuzzing of schema changes on %s with %s',
  (kind, adapter) => {
    let app: SampleApp;
    let port: number;
    let owner: number;
    let created = 0;
    // Several sockets: the batch's requests really are in flight together.
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });

    beforeAll(async () => {
      app = await startSampleApp(kind, adapter, { recordForDrift: false });
      port = (app.app.getHttpServer().address() as { port: number }).port;
      const user = await app.http().post(`${API}/users`).send({ email: 'race@example.com', username: 'race' });
      owner = user.body.id;
    });
    afterAll(async () => {
      agent.destroy();
      await app?.close();
    });

    /** At least three tables of two columns each, then the ids that exist. */
    async function liveIds(): Promise<LiveIds> {
      const dataSource = app.app.get(DataSource);
      while ((await dataSource.getRepository(Table).count()) < 3) {
        created += 1;
        const table = await app
          .http()
          .post(`${API}/tables`)
          .send({ name: `race${created}`, owner_id: owner });
        if (table.status !== 201) throw new Error(`replenishing: ${table.status} ${JSON.stringify(table.body)}`);
        for (const name of ['item', 'qty']) {
          await app.http().post(`${API}/tables/${table.body.id}/columns`).send({ name, type: 'TEXT' });
        }
      }
      const tables = await dataSource.getRepository(Table).find({ order: { id: 'ASC' } });
      const columns = await dataSource.getRepository(TableColumn).find({ order: { id: 'ASC' } });
      return { tables: tables.map((table) => table.id), columns: columns.map((column) => column.id) };
    }

    it(`${RUNS} batches of parallel requests: never a 5xx, always the contract`, async () => {
      const statuses = new Map<string, number>();
      const property = fc.asyncProperty(raceBatch, async (steps) => {
        const live = await liveIds();
        const requests = steps.map((step) => step(live));
        const answers = await Promise.all(requests.map((request) => send(port, request, agent)));
        answers.forEach((answer, position) => {
          const request = requests[position];
          const key = `${request.method} ${answer.status}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          const problem = judge(request, answer);
          if (problem) {
            throw new Error(
              `${request.method} ${request.target}, sent with ${requests.length - 1} others: ${problem}\n` +
                `Answer: ${answer.status} ${answer.body.slice(0, 500)}\n${curl(request)}`,
            );
          }
        });
      });
      const result = await fc.check(property, { numRuns: RUNS, seed: SEED, verbose: 0, endOnFailure: true });
      process.stderr.write(
        `concurrent fuzz ${adapter}: ${[...statuses]
          .sort()
          .map(([key, count]) => `${key}: ${count}`)
          .join(', ')}\n`,
      );
      if (result.failed) {
        throw new Error(
          `A batch failed (after ${result.numRuns} batches). Replay: FUZZ_SEED=${result.seed} npx jest test/fuzz/concurrent\n\n` +
            `${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`,
        );
      }
      const last = await app.http().get(`${API}/users?limit=1`);
      expect(last.status).toBe(200);
    }, 300_000);
  },
);
