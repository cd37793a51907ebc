import { Agent } from 'node:http';
import { Answer, contractProblem, errorCodes, keepAliveAgent, send } from './http';

/** One app process under load. */
export interface Target {
  index: number;
  port: number;
  adapter: string;
}

/** What the load needs to know of the data set up before it starts. */
export interface Fixture {
  /** A user table with columns `label` (TEXT) and `amount` (INTEGER). */
  tableId: number;
  /** A user table whose one column (`churnColumnId`) the load renames and retypes. */
  churnTableId: number;
  churnColumnId: number;
}

/** The names the churn column takes in turn; a record insert names one of them. */
export const CHURN_COLUMN_NAMES = ['c1', 'c2', 'c3'] as const;
const churnName = () => CHURN_COLUMN_NAMES[Math.floor(Math.random() * CHURN_COLUMN_NAMES.length)];

/**
 * One kind of request of the mix: what it sends, which statuses are right for it when
 * the database is up (503 is right for every database-backed one while it is not), the
 * error codes its 4xx must carry, and how many statements it runs one after the other
 * (its wait bound is that many times the per-statement bound).
 */
export interface Operation {
  name: string;
  weight: number;
  statements: number;
  usesDatabase: boolean;
  expected: readonly number[];
  /** The error codes its 4xx answers must carry. */
  codes?: RegExp;
  request(context: LoadContext): { method: string; path: string; body?: unknown };
  /** Called with a 2xx answer (to remember what the database must keep). */
  acknowledged?(context: LoadContext, answer: Answer, sentAt: number): void;
}

export interface Sample {
  operation: string;
  target: number;
  start: number;
  end: number;
  status: number;
  /** Set when the answer breaks the contract or is not one the operation may get. */
  problem?: string;
}

export interface Race {
  username: string;
  start: number;
  statuses: number[];
  /** Ids of the 201 answers. */
  created: number[];
}

export interface Acknowledged {
  id: number;
  at: number;
}

export class LoadContext {
  readonly users = new Map<number, Acknowledged & { username: string }>();
  readonly records = new Map<number, Acknowledged & { label: string; amount: number }>();
  private counter = 0;
  constructor(
    readonly fixture: Fixture,
    readonly tag: string,
  ) {}

  next(): number {
    this.counter += 1;
    return this.counter;
  }

  someUser(): { id: number; username: string } | undefined {
    if (this.users.size === 0) return undefined;
    const ids = [...this.users.keys()].slice(-200);
    const id = ids[Math.floor(Math.random() * ids.length)];
    return { id, username: this.users.get(id)!.username };
  }
}

const API = '/api/v0';

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'create user',
    weight: 3,
    statements: 1,
    usesDatabase: true,
    expected: [201],
    request: (context) => {
      const n = context.next();
      return {
        method: 'POST',
        path: `${API}/users`,
        body: { email: `u${context.tag}${n}@example.com`, username: `u${context.tag}${n}` },
      };
    },
    acknowledged: (context, answer, at) => {
      const user = JSON.parse(answer.body) as { id: number; username: string };
      context.users.set(user.id, { id: user.id, username: user.username, at });
    },
  },
  {
    name: 'invalid body',
    weight: 2,
    statements: 0,
    usesDatabase: false,
    expected: [400],
    // The DTO's own rules (an email that is none, a number for a string): validation
    // codes, and no statement runs.
    codes: /^2\d{3}$/u,
    request: () => ({ method: 'POST', path: `${API}/users`, body: { email: 'not an email', username: 42 } }),
  },
  {
    name: 'username refused by the database',
    weight: 1,
    statements: 1,
    usesDatabase: true,
    expected: [400],
    codes: /^6005$/u,
    request: (context) => ({
      method: 'POST',
      path: `${API}/users`,
      body: { email: `bad${context.tag}${context.next()}@example.com`, username: 'no spaces allowed' },
    }),
  },
  {
    name: 'username taken',
    weight: 1,
    statements: 1,
    usesDatabase: true,
    expected: [409],
    codes: /^6003$/u,
    request: (context) => {
      // Before this process has created a user, the fixture's owner (created before the
      // load starts) is the one username surely taken.
      const user = context.someUser();
      return {
        method: 'POST',
        path: `${API}/users`,
        body: { email: `dup${context.tag}${context.next()}@example.com`, username: user?.username ?? 'owner' },
      };
    },
  },
  {
    name: 'read user',
    weight: 3,
    statements: 1,
    usesDatabase: true,
    expected: [200],
    request: (context) => ({ method: 'GET', path: `${API}/users/${context.someUser()?.id ?? 1}` }),
  },
  {
    name: 'list users',
    weight: 1,
    statements: 2,
    usesDatabase: true,
    expected: [200],
    request: () => ({ method: 'GET', path: `${API}/users?limit=5` }),
  },
  {
    name: 'insert record',
    weight: 3,
    statements: 3,
    usesDatabase: true,
    expected: [201],
    request: (context) => {
      const n = context.next();
      return {
        method: 'POST',
        path: `${API}/tables/${context.fixture.tableId}/records`,
        body: { values: { label: `r${context.tag}${n}`, amount: n } },
      };
    },
    acknowledged: (context, answer, at) => {
      const record = JSON.parse(answer.body) as { id: number; values: { label: string; amount: number } };
      context.records.set(record.id, { id: record.id, ...record.values, at });
    },
  },
  {
    name: 'record value refused by the database',
    weight: 1,
    // The insert, then one cast per value to find the culprit.
    statements: 4,
    usesDatabase: true,
    expected: [400],
    codes: /^3012$/u,
    request: (context) => ({
      method: 'POST',
      path: `${API}/tables/${context.fixture.tableId}/records`,
      body: { values: { label: 'x', amount: 'not a number' } },
    }),
  },
  {
    name: 'list records',
    weight: 1,
    statements: 4,
    usesDatabase: true,
    expected: [200],
    request: (context) => ({ method: 'GET', path: `${API}/tables/${context.fixture.tableId}/records?limit=5` }),
  },
  // Schema changes racing the statements that depend on them, from every worker and
  // process at once: each waits for the table's lock (the metadata row), none is a 500.
  {
    name: 'rename churn column',
    weight: 1,
    // The lock may be held by the other processes' schema changes and record statements.
    statements: 6,
    usesDatabase: true,
    expected: [200],
    request: (context) => ({
      method: 'PATCH',
      path: `${API}/columns/${context.fixture.churnColumnId}`,
      body: { name: churnName() },
    }),
  },
  {
    name: 'retype churn column',
    weight: 1,
    statements: 6,
    usesDatabase: true,
    expected: [200],
    request: (context) => ({
      method: 'PATCH',
      path: `${API}/columns/${context.fixture.churnColumnId}`,
      body: Math.random() < 0.5 ? { type: 'TEXT' } : { type: 'VARCHAR', type_options: { length: 100 } },
    }),
  },
  {
    name: 'insert churn record',
    weight: 1,
    statements: 6,
    usesDatabase: true,
    // The column has the name sent, or is just now called otherwise: UNKNOWN_COLUMN.
    expected: [201, 400],
    codes: /^6301$/u,
    request: (context) => ({
      method: 'POST',
      path: `${API}/tables/${context.fixture.churnTableId}/records`,
      body: { values: { [churnName()]: `v${context.tag}${context.next()}` } },
    }),
  },
  {
    name: 'list churn records',
    weight: 1,
    statements: 6,
    usesDatabase: true,
    expected: [200],
    request: (context) => ({ method: 'GET', path: `${API}/tables/${context.fixture.churnTableId}/records?limit=5` }),
  },
];

/** Between two requests of a database-free worker: a trickle (about 50/s each), not a flood that crowds out the rest. */
const DATABASE_FREE_PAUSE_MS = 20;

/** The creates of one username raced by every process at once (two requests each). */
export const RACE_OPERATION = 'race create';
const RACE_PER_TARGET = 2;

/** The database codes a 503 may carry: unavailable or timed out. */
const UNAVAILABLE_CODES = ['3030', '3031'];

function judge(operation: Operation | undefined, answer: Answer, expected: readonly number[]): string | undefined {
  if (answer.status === 0) return `no answer (${answer.error})`;
  const allowed = operation && !operation.usesDatabase ? expected : [...expected, 503];
  if (!allowed.includes(answer.status)) return `status ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (answer.status < 300) return undefined;
  const problem = contractProblem(answer);
  if (problem) return `${problem}: ${answer.body.slice(0, 300)}`;
  const codes = errorCodes(answer);
  if (answer.status === 503) {
    return codes.every((code) => UNAVAILABLE_CODES.includes(code)) ? undefined : `503 codes ${codes.join()}`;
  }
  if (operation?.codes && !codes.every((code) => operation.codes!.test(code)))
    return `codes ${codes.join()} for ${answer.status}`;
  return undefined;
}

/**
 * A closed-loop mixed load over the app processes: `workers` clients each send one
 * request after another (operation by weight, process in turn) on keep-alive
 * connections, `databaseFreeWorkers` more send only requests that need no database,
 * and every `raceEveryMs` a username is created by two requests to each process at
 * once on fresh connections. Every answer is recorded and judged.
 */
export class Load {
  readonly samples: Sample[] = [];
  readonly races: Race[] = [];
  private running = false;
  private readonly loops: Array<Promise<void>> = [];
  private readonly agents: Agent[];

  constructor(
    private readonly targets: readonly Target[],
    readonly context: LoadContext,
    private readonly now: () => number,
    private readonly options: { workers: number; databaseFreeWorkers: number; raceEveryMs: number },
  ) {
    this.agents = targets.map(() => keepAliveAgent());
  }

  start(): void {
    this.running = true;
    for (let worker = 0; worker < this.options.workers; worker++) this.loops.push(this.work(worker, OPERATIONS));
    // Requests that need no database keep flowing while the database is away (the closed
    // loop above stalls on slow statements): the app must answer them as always.
    const databaseFree = OPERATIONS.filter((operation) => !operation.usesDatabase);
    for (let worker = 0; worker < this.options.databaseFreeWorkers; worker++)
      this.loops.push(this.work(worker, databaseFree, DATABASE_FREE_PAUSE_MS));
    this.loops.push(this.raceLoop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    for (const agent of this.agents) agent.destroy();
  }

  /**
   * `perTarget` requests of `operation` sent to every process at once, each on a
   * connection of its own, recorded like the steady load; resolves when all are answered.
   */
  async burst(operationName: string, perTarget: number): Promise<void> {
    const operation = OPERATIONS.find((candidate) => candidate.name === operationName)!;
    await Promise.all(
      this.targets.flatMap((target) =>
        Array.from({ length: perTarget }, async () => {
          const { method, path, body } = operation.request(this.context);
          const start = this.now();
          const answer = await send(target.port, method, path, body, false);
          const problem = judge(operation, answer, operation.expected);
          this.samples.push({
            operation: operation.name,
            target: target.index,
            start,
            end: this.now(),
            status: answer.status,
            problem,
          });
        }),
      ),
    );
  }

  private pick(operations: readonly Operation[]): Operation {
    const total = operations.reduce((sum, operation) => sum + operation.weight, 0);
    let roll = Math.random() * total;
    for (const operation of operations) {
      roll -= operation.weight;
      if (roll < 0) return operation;
    }
    return operations[0];
  }

  private async work(worker: number, operations: readonly Operation[], pauseMs = 0): Promise<void> {
    let turn = worker;
    while (this.running) {
      const target = this.targets[turn++ % this.targets.length];
      const operation = this.pick(operations);
      const { method, path, body } = operation.request(this.context);
      const start = this.now();
      const answer = await send(target.port, method, path, body, this.agents[target.index]);
      const end = this.now();
      const problem = judge(operation, answer, operation.expected);
      if (!problem && answer.status < 300) operation.acknowledged?.(this.context, answer, end);
      this.samples.push({
        operation: operation.name,
        target: target.index,
        start,
        end,
        status: answer.status,
        problem,
      });
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  private async raceLoop(): Promise<void> {
    while (this.running) {
      const username = `race${this.context.tag}${this.context.next()}`;
      const start = this.now();
      const sends = this.targets.flatMap((target) =>
        Array.from({ length: RACE_PER_TARGET }, async (_, i) => {
          const body = { email: `${username}.${target.index}.${i}@example.com`, username };
          const sent = this.now();
          const answer = await send(target.port, 'POST', `${API}/users`, body, false);
          const end = this.now();
          const problem = judge(undefined, answer, [201, 409]) ?? raceCodeProblem(answer);
          this.samples.push({
            operation: RACE_OPERATION,
            target: target.index,
            start: sent,
            end,
            status: answer.status,
            problem,
          });
          if (answer.status === 201 && !problem) {
            const user = JSON.parse(answer.body) as { id: number; username: string };
            this.context.users.set(user.id, { id: user.id, username: user.username, at: end });
            return { status: 201, id: user.id };
          }
          return { status: answer.status, id: undefined };
        }),
      );
      const results = await Promise.all(sends);
      this.races.push({
        username,
        start,
        statuses: results.map((result) => result.status),
        created: results.flatMap((result) => (result.id === undefined ? [] : [result.id])),
      });
      const wait = this.options.raceEveryMs - (this.now() - start);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** A lost race is USERNAME_TAKEN on `username`, nothing else. */
function raceCodeProblem(answer: Answer): string | undefined {
  if (answer.status !== 409) return undefined;
  const body = JSON.parse(answer.body) as Array<{ error_code: string; field: string | null }>;
  return body.length === 1 && body[0].error_code === '6003' && body[0].field === 'username'
    ? undefined
    : `race 409 is not USERNAME_TAKEN on username: ${answer.body}`;
}
