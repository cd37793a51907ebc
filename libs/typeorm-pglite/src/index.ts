import { EventEmitter } from 'node:events';
import { PGlite, type PGliteInterface, type PGliteOptions, type Results } from '@electric-sql/pglite';

/**
 * A TypeORM `driver` for PGlite (Postgres compiled to WebAssembly, in-process):
 *
 *     new DataSource({ type: 'postgres', driver: createPgliteDriver(), entities, synchronize: true })
 *
 * TypeORM's PostgresDriver talks to a `pg`-shaped module: `new driver.Pool(config)`,
 * `pool.connect((err, client, release) => ...)`, `client.query(text, params)` and
 * `pool.end()`. This module offers exactly that on top of one PGlite instance.
 *
 * Why not share the instance freely: PGlite has ONE backend session. Two requests
 * that each run a transaction through it would interleave their statements inside
 * each other's transaction. So the pool hands out its single connection exclusively
 * and queues other callers in FIFO order until it is released, as `pg.Pool({ max: 1 })`
 * would. The lock belongs to the PGlite instance, so even two DataSources built on the
 * same instance cannot interleave.
 *
 * Results are shaped as `pg` shapes them (`rows`, `rowCount`, `command`, `fields`),
 * `int8` comes back as a string and `bytea` as a Buffer (pg's defaults, which TypeORM
 * expects), and errors carry pg's fields (`code`, `detail`, `constraint`, `table`,
 * `column`, `schema`, `dataType`...), because PGlite parses the same protocol messages.
 */
export type PgliteSource = PGliteInterface | PGliteOptions;

/** The `pg`-module shape TypeORM's PostgresDriver loads (`options.driver`). */
export interface PgliteDriver {
  Pool: new (config?: { options?: string }) => PglitePool;
  /** pg's global defaults; TypeORM sets `parseInt8` through it. */
  defaults: { parseInt8: boolean };
}

type QueryConfig = { text: string; values?: unknown[] };
type Callback<T> = (error: Error | null, value?: T) => void;
type ConnectCallback = (error: Error | undefined, client?: PgliteClient, release?: (error?: unknown) => void) => void;

/** What pg resolves a query with (the fields TypeORM's PostgresQueryRunner reads). */
export interface PgLikeResult {
  command: string | null;
  rowCount: number | null;
  rows: Record<string, unknown>[];
  fields: { name: string; dataTypeID: number }[];
}

const OID = { BYTEA: 17, INT8: 20 } as const;

/** Creates the driver object. Pass a PGlite instance (you own and close it) or PGlite options (one in-memory database per DataSource, closed with it). */
export function createPgliteDriver(source: PgliteSource = {}): PgliteDriver {
  const settings = { parseInt8: false };
  const defaults = {
    get parseInt8(): boolean {
      return settings.parseInt8;
    },
    set parseInt8(value: boolean) {
      settings.parseInt8 = value;
    },
  };

  class Pool extends PglitePool {
    constructor(config?: { options?: string }) {
      // Connection options (host, user...) mean nothing for an in-process database;
      // only pg's `options: '-c name=value'` session settings are honoured.
      super(source, settings, parseSessionSettings(config?.options));
    }
  }
  return { Pool, defaults };
}

/**
 * pg's `options` connection parameter (`-c search_path=app -c statement_timeout=5s`),
 * as name/value pairs. A real pool applies them once per connection; here every pool
 * on an instance shares one session, so they are applied whenever the session changes
 * hands between pools.
 */
export function parseSessionSettings(options: string | undefined): Array<[string, string]> {
  if (!options) return [];
  const settings: Array<[string, string]> = [];
  const pattern = /(?:-c\s*|--)([A-Za-z_][A-Za-z0-9_.]*)=((?:\\ |\S)+)/gu;
  for (const match of options.matchAll(pattern)) {
    settings.push([match[1].replace(/-/gu, '_'), match[2].replace(/\\ /gu, ' ')]);
  }
  return settings;
}

/** FIFO mutual exclusion: one holder at a time, waiters served in arrival order. */
class ExclusiveLock {
  private held = false;
  private readonly waiters: Array<{ grant: () => void; refuse: (error: Error) => void }> = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((grant, refuse) => this.waiters.push({ grant, refuse }));
  }

  /** Hands the lock straight to the next waiter, so nobody can jump the queue. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.held = false;
  }

  refuseWaiters(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.refuse(error);
  }
}

/** What all pools on one PGlite instance share: its session lock and who set its session settings. */
interface InstanceSession {
  lock: ExclusiveLock;
  settingsOwner: PglitePool | undefined;
  settingNames: string[];
}

const sessionsByInstance = new WeakMap<PGliteInterface, InstanceSession>();

function sessionOf(instance: PGliteInterface): InstanceSession {
  let session = sessionsByInstance.get(instance);
  if (!session) {
    session = { lock: new ExclusiveLock(), settingsOwner: undefined, settingNames: [] };
    sessionsByInstance.set(instance, session);
  }
  return session;
}

function isPgliteInstance(source: PgliteSource): source is PGliteInterface {
  return (
    typeof (source as PGliteInterface).query === 'function' && typeof (source as PGliteInterface).exec === 'function'
  );
}

/** A pool of exactly one connection to one PGlite instance. */
export class PglitePool extends EventEmitter {
  private instance: Promise<PGliteInterface> | undefined;
  private readonly ownsInstance: boolean;
  private ended = false;

  constructor(
    private readonly source: PgliteSource,
    private readonly settings: { parseInt8: boolean },
    private readonly sessionSettings: Array<[string, string]> = [],
  ) {
    super();
    this.ownsInstance = !isPgliteInstance(source);
  }

  /** pg's `pool.connect`: callback style (TypeORM) or promise style. */
  connect(): Promise<PgliteClient>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<PgliteClient> | void {
    const leased = this.lease();
    if (!callback) return leased;
    leased.then(
      (client) => callback(undefined, client, (error?: unknown) => client.release(error)),
      (error: Error) => callback(error),
    );
  }

  /** pg's `pool.query`: runs one query on the connection as soon as it is free. */
  async query(text: string, params?: unknown[]): Promise<PgLikeResult | PgLikeResult[]> {
    const client = await this.lease();
    try {
      return await client.query(text, params ?? []);
    } finally {
      client.release();
    }
  }

  /** pg's `pool.end`: refuses waiters, and closes the database if this pool created it. */
  end(): Promise<void>;
  end(callback: (error?: Error) => void): void;
  end(callback?: (error?: Error) => void): Promise<void> | void {
    const ending = this.close();
    if (!callback) return ending;
    ending.then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  private async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (!this.instance) return;
    const instance = await this.instance;
    sessionOf(instance).lock.refuseWaiters(new Error('The PGlite pool was ended while waiting for its connection.'));
    if (this.ownsInstance && !instance.closed) await instance.close();
  }

  private openInstance(): Promise<PGliteInterface> {
    this.instance ??= isPgliteInstance(this.source)
      ? this.source.waitReady.then(() => this.source as PGliteInterface)
      : PGlite.create(this.source);
    return this.instance;
  }

  private async lease(): Promise<PgliteClient> {
    if (this.ended) throw new Error('Cannot use a PGlite pool after calling end on it.');
    const instance = await this.openInstance();
    const session = sessionOf(instance);
    await session.lock.acquire();
    try {
      await this.applySessionSettings(instance, session);
    } catch (error) {
      session.lock.release();
      throw error;
    }
    return new PgliteClient(instance, this.settings, session.lock);
  }

  private async applySessionSettings(instance: PGliteInterface, session: InstanceSession): Promise<void> {
    if (session.settingsOwner === this) return;
    for (const name of session.settingNames) {
      // Names were matched against [A-Za-z_][A-Za-z0-9_.]* when parsed, so they are safe unquoted.
      await instance.exec(`RESET ${name}`);
    }
    for (const [name, value] of this.sessionSettings) {
      await instance.query('SELECT set_config($1, $2, false)', [name, value]);
    }
    session.settingsOwner = this;
    session.settingNames = this.sessionSettings.map(([name]) => name);
  }
}

/**
 * One exclusive lease of the connection (pg's `PoolClient`). A lease is dead once
 * released, so a query runner that leaked its client cannot run statements inside the
 * next holder's transaction.
 */
export class PgliteClient extends EventEmitter {
  private released = false;

  constructor(
    private readonly instance: PGliteInterface,
    private readonly settings: { parseInt8: boolean },
    private readonly lock: ExclusiveLock,
  ) {
    super();
  }

  /** pg's `client.query(text, values?, callback?)`, promise or callback style. */
  query(text: string | QueryConfig, params?: unknown[]): Promise<PgLikeResult | PgLikeResult[]>;
  query(text: string | QueryConfig, callback: Callback<unknown>): void;
  query(text: string | QueryConfig, params: unknown[] | undefined, callback: Callback<unknown>): void;
  query(
    text: string | QueryConfig,
    params?: unknown[] | Callback<unknown>,
    callback?: Callback<unknown>,
  ): Promise<PgLikeResult | PgLikeResult[]> | void {
    if (typeof params === 'function') {
      callback = params;
      params = undefined;
    }
    if (typeof text === 'object' && text !== null) {
      if (typeof text.text !== 'string') {
        throw new Error('The PGlite driver runs plain queries only (no query streams or cursors).');
      }
      params = params ?? text.values;
      text = text.text;
    }
    const running = this.run(text, params);
    if (!callback) return running;
    const done = callback;
    running.then(
      (result) => done(null, result),
      (error: Error) => done(error),
    );
  }

  /** pg's `client.release(error?)`: gives the connection to the next waiter. */
  release(error?: unknown): void {
    if (this.released) return;
    this.released = true;
    if (error) {
      // pg destroys a client released with an error. Ours cannot be replaced, so at
      // least leave no transaction open for the next holder.
      void this.instance
        .exec('ROLLBACK')
        .catch(() => undefined)
        .then(() => this.lock.release());
      return;
    }
    this.lock.release();
  }

  private async run(text: string, params: unknown[] | undefined): Promise<PgLikeResult | PgLikeResult[]> {
    if (this.released) throw new Error('This PGlite client was released; connect again before querying.');
    const options = { parsers: this.settings.parseInt8 ? PARSERS_INT8_AS_NUMBER : PARSERS_LIKE_PG };
    try {
      // Like pg: without parameters the simple protocol runs, which allows several
      // statements in one string (migrations, DDL); with parameters, the extended one.
      if (!params || params.length === 0) {
        const results = await this.instance.exec(text, options);
        const shaped = results.map(toPgResult);
        return shaped.length === 1 ? shaped[0] : shaped;
      }
      return toPgResult(await this.instance.query<Record<string, unknown>>(text, params, options));
    } catch (error) {
      throw asPgError(error);
    }
  }
}

const PARSERS_LIKE_PG = {
  [OID.INT8]: (value: string) => value,
  [OID.BYTEA]: parseByteaAsBuffer,
};
const PARSERS_INT8_AS_NUMBER = {
  [OID.INT8]: (value: string) => Number.parseInt(value, 10),
  [OID.BYTEA]: parseByteaAsBuffer,
};

/** bytea arrives in hex format (`\x4869`); pg hands TypeORM a Buffer. */
function parseByteaAsBuffer(value: string): Buffer {
  return value.startsWith('\\x') ? Buffer.from(value.slice(2), 'hex') : Buffer.from(value, 'binary');
}

function toPgResult(result: Results<Record<string, unknown>>): PgLikeResult {
  return {
    command: result.command ?? null,
    // pg's rowCount is the command tag's count (rows returned or changed); PGlite
    // reports it per statement as rowCount, with affectedRows as a fallback.
    rowCount: result.rowCount ?? result.affectedRows ?? null,
    rows: result.rows,
    fields: result.fields,
  };
}

/**
 * PGlite's errors are pg-protocol DatabaseErrors with the same fields as pg's. It also
 * attaches the query, parameters and query options; pg does not, and TypeORM keeps the
 * query on QueryFailedError anyway, so they are removed to keep values out of logs
 * that print the driver error.
 */
function asPgError(error: unknown): unknown {
  // PGlite serializes parameters itself, by their inferred type, and refuses a value it
  // cannot encode (a string for a boolean parameter) with a plain Error and no SQLSTATE,
  // before the server sees it. PostgreSQL would answer that input with 22P02, so the
  // error gets that code: otherwise it would reach clients as an unexplained 500.
  if (error instanceof Error && !('code' in error) && /^Invalid input for /u.test(error.message)) {
    return Object.assign(error, { code: '22P02', severity: 'ERROR' });
  }
  if (error && typeof error === 'object' && 'code' in error) {
    const record = error as Record<string, unknown>;
    delete record.query;
    delete record.params;
    delete record.queryOptions;
  }
  return error;
}
