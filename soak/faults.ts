import { Client } from 'pg';
import { APP_POOL_SIZE, type Cluster, type Mode } from './cluster';
import type { Load } from './load';

/** How long the faults that last (pause, stop, slow statements) last, in seconds. */
export interface FaultDurations {
  pause: number;
  stop: number;
  slow: number;
}

/**
 * One fault injected under load. `inject` resolves when the fault is over: the server
 * accepts connections again, PgBouncer is resumed or listening again, the lock is gone.
 */
export interface Fault {
  key: string;
  title: string;
  modes: readonly Mode[];
  inject(cluster: Cluster, durations: FaultDurations, load: Load): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const FAULTS: readonly Fault[] = [
  {
    key: 'postgres-restart',
    title: 'PostgreSQL restarts',
    modes: ['direct', 'pgbouncer'],
    // `pg_ctl restart -m fast`: sessions are cut (57P01), connections refused until it is up.
    inject: (cluster) => cluster.postgres.restart('fast'),
  },
  {
    key: 'terminate-backends',
    title: 'every backend terminated',
    modes: ['direct', 'pgbouncer'],
    inject: async (cluster) => {
      await cluster.postgres.terminateBackends(cluster.database);
    },
  },
  {
    key: 'pgbouncer-pause',
    title: 'PgBouncer PAUSE, then RESUME',
    modes: ['pgbouncer'],
    inject: async (cluster, durations) => {
      await cluster.bouncer!.admin(`PAUSE ${cluster.database}`);
      await sleep(durations.pause * 1000);
      await cluster.bouncer!.admin(`RESUME ${cluster.database}`);
    },
  },
  {
    key: 'pgbouncer-stop',
    title: 'PgBouncer stopped, then started',
    modes: ['pgbouncer'],
    inject: async (cluster, durations) => {
      await cluster.bouncer!.stop();
      await sleep(durations.stop * 1000);
      await cluster.bouncer!.start();
    },
  },
  {
    key: 'slow-statements',
    title: 'slow statements fill every pool',
    modes: ['direct', 'pgbouncer'],
    // A session holds ACCESS EXCLUSIVE on users and on the records' table: every statement
    // of the app on them waits. On top of the steady load, a burst of reads larger than a
    // pool goes to each process: its pool (and PgBouncer's server pool behind them) fills
    // with waiting statements, and the requests behind them wait for a connection.
    inject: async (cluster, durations, load) => {
      const client = new Client({ connectionString: cluster.postgres.url(cluster.database) });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(`LOCK TABLE public.users, ${cluster.recordsTable} IN ACCESS EXCLUSIVE MODE`);
        const burst = load.burst('read user', APP_POOL_SIZE + 5);
        await sleep(durations.slow * 1000);
        await client.query('ROLLBACK');
        await burst;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  },
];
