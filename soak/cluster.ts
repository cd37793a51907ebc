import { join } from 'node:path';
import { DEFAULT_DATABASE_TIMEOUTS, DEFAULT_POOL_SIZE } from '../src/database/data-source';
import { AppProcess, startAppProcess } from '../test/support/processes/app-process';
import { LocalPostgres } from '../test/support/processes/local-postgres';
import { PgBouncer, startPgBouncer } from '../test/support/processes/pgbouncer';
import { send } from './http';
import { CHURN_COLUMN_NAMES, type Fixture, type Target } from './load';

export type Mode = 'direct' | 'pgbouncer';

/** The pool size of each app process (the sample app's default). */
export const APP_POOL_SIZE = DEFAULT_POOL_SIZE;

/** The app processes: both adapters, as a deployment behind a load balancer might mix them. */
export const ADAPTERS = ['express', 'fastify', 'express'] as const;

/** What one mode runs: its own database on the run's server, PgBouncer in front of it or not, 3 app processes. */
export interface Cluster {
  mode: Mode;
  database: string;
  postgres: LocalPostgres;
  bouncer?: PgBouncer;
  apps: AppProcess[];
  targets: Target[];
  fixture: Fixture;
  /** The user table's real name, for the slow-statements fault. */
  recordsTable: string;
  close(): Promise<void>;
}

export async function startCluster(postgres: LocalPostgres, mode: Mode, logDir: string): Promise<Cluster> {
  const database = `soak_${mode}`;
  await postgres.createDatabase(database);
  // The statement timeout of the app's pool, also as the database's default: behind a
  // transaction pooler the connection's own setting cannot reach the server.
  await postgres.query(`ALTER DATABASE ${database} SET statement_timeout = ${DEFAULT_DATABASE_TIMEOUTS.statement}`);
  const bouncer =
    mode === 'pgbouncer'
      ? await startPgBouncer({ databases: { [database]: `host=127.0.0.1 port=${postgres.port} dbname=${database}` } })
      : undefined;
  const url = bouncer ? bouncer.url(database) : postgres.url(database);
  const apps: AppProcess[] = [];
  const close = async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await bouncer?.destroy();
  };
  try {
    // The first process runs the migrations; the others start on the migrated schema.
    const env = (adapter: string) => ({ DATABASE_URL: url, HTTP_ADAPTER: adapter });
    const start = (index: number) =>
      startAppProcess(env(ADAPTERS[index]), `${mode} app ${index + 1}`, {
        logFile: join(logDir, `${mode}-app-${index + 1}.log`),
      });
    apps.push(await start(0));
    apps.push(...(await Promise.all([1, 2].map(start))));
    const targets = apps.map((app, index) => ({ index, port: app.port, adapter: ADAPTERS[index] }));
    const fixture = await createFixture(targets[0].port);
    return {
      mode,
      database,
      postgres,
      bouncer,
      apps,
      targets,
      fixture,
      recordsTable: `user_tables.t_${fixture.tableId}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A user owning a table `ledger` (label TEXT, amount INTEGER), and a table `churn` whose
 * one column the load keeps renaming and retyping, created through the API.
 */
async function createFixture(port: number): Promise<Fixture> {
  const call = async (path: string, body: unknown) => {
    const answer = await send(port, 'POST', `/api/v0${path}`, body, false);
    if (answer.status !== 201) throw new Error(`set-up ${path}: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body) as { id: number };
  };
  const owner = await call('/users', { email: 'owner@example.com', username: 'owner' });
  const table = await call('/tables', { name: 'ledger', owner_id: owner.id });
  await call(`/tables/${table.id}/columns`, { name: 'label', type: 'TEXT' });
  await call(`/tables/${table.id}/columns`, { name: 'amount', type: 'INTEGER' });
  const churn = await call('/tables', { name: 'churn', owner_id: owner.id });
  const column = await call(`/tables/${churn.id}/columns`, { name: CHURN_COLUMN_NAMES[0], type: 'TEXT' });
  return { tableId: table.id, churnTableId: churn.id, churnColumnId: column.id };
}
