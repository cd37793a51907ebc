import 'reflect-metadata';
import { EntityManager } from 'typeorm';
import { isRetryableTransactionError, readDatabaseFailure, runTransactionWithRetry } from 'nest-error-contract/typeorm';
import { MARIADB_AVAILABLE, TestDatabase, openDatabase } from '../support/databases';

/**
 * runTransactionWithRetry on MariaDB with real concurrent transactions: InnoDB's
 * deadlock (1213) and lock wait timeout (1205) are retried as PostgreSQL's serialization
 * failures are, and the work's effects land exactly once.
 */
const describeOnMariadb = MARIADB_AVAILABLE ? describe : describe.skip;

/** Resolves when `count` parties have arrived: makes two transactions take their first locks before either takes its second. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === count) release();
    return all;
  };
}

describeOnMariadb('runTransactionWithRetry on MariaDB', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openDatabase('mariadb', {
      setup: [
        'CREATE TABLE counters (id int PRIMARY KEY, value int NOT NULL) ENGINE=InnoDB',
        'INSERT INTO counters VALUES (1, 0), (2, 0)',
      ],
    });
  }, 60_000);
  afterAll(() => db?.close());

  async function values(): Promise<number[]> {
    const rows: Array<{ value: number }> = await db.dataSource.query('SELECT value FROM counters ORDER BY id');
    return rows.map((row) => Number(row.value));
  }

  it('retries the transaction that InnoDB chose as the deadlock victim; both land once', async () => {
    await db.dataSource.query('UPDATE counters SET value = 0');
    const bothHoldTheirFirstRow = barrier(2);
    const retried: unknown[] = [];
    const attempts = { forward: 0, backward: 0 };
    const transfer = (direction: 'forward' | 'backward') =>
      runTransactionWithRetry(
        db.dataSource,
        async (manager: EntityManager) => {
          attempts[direction] += 1;
          const [first, second] = direction === 'forward' ? [1, 2] : [2, 1];
          await manager.query('UPDATE counters SET value = value + 1 WHERE id = ?', [first]);
          if (attempts[direction] === 1) await bothHoldTheirFirstRow();
          await manager.query('UPDATE counters SET value = value + 1 WHERE id = ?', [second]);
        },
        { isolationLevel: 'REPEATABLE READ', onRetry: (error) => retried.push(error) },
      );
    await Promise.all([transfer('forward'), transfer('backward')]);
    expect(retried).toHaveLength(1);
    expect(readDatabaseFailure(retried[0])).toMatchObject({ driverError: { code: '1213', situation: 'deadlock' } });
    expect(attempts.forward + attempts.backward).toBe(3);
    expect(await values()).toEqual([2, 2]);
  });

  it('retries a lock wait timeout once the holder is gone', async () => {
    await db.dataSource.query('UPDATE counters SET value = 0');
    const holder = db.dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query('UPDATE counters SET value = value + 10 WHERE id = 1');
    const retried: unknown[] = [];
    let attempts = 0;
    const waiting = runTransactionWithRetry(
      db.dataSource,
      async (manager: EntityManager) => {
        attempts += 1;
        await manager.query('SET SESSION innodb_lock_wait_timeout = 1');
        await manager.query('UPDATE counters SET value = value + 1 WHERE id = 1');
      },
      {
        isolationLevel: 'REPEATABLE READ',
        baseDelayMs: 400,
        random: () => 0.99,
        onRetry: (error) => retried.push(error),
      },
    );
    // The holder keeps the row past the waiter's first timeout, then commits.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await holder.commitTransaction();
    await holder.release();
    await waiting;
    expect(readDatabaseFailure(retried[0])).toMatchObject({ driverError: { code: '1205', situation: 'lock-timeout' } });
    expect(retried.every(isRetryableTransactionError)).toBe(true);
    expect(attempts).toBe(retried.length + 1);
    expect(await values()).toEqual([11, 0]);
  });

  it('rethrows what is not a race at once (a duplicate key is no reason to retry)', async () => {
    let attempts = 0;
    const error = await runTransactionWithRetry(
      db.dataSource,
      async (manager: EntityManager) => {
        attempts += 1;
        await manager.query('INSERT INTO counters VALUES (1, 0)');
      },
      { isolationLevel: 'REPEATABLE READ' },
    ).catch((thrown: unknown) => thrown);
    expect(readDatabaseFailure(error)).toMatchObject({ driverError: { code: '1062' } });
    expect(attempts).toBe(1);
  });
});
