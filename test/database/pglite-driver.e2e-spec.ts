import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, QueryFailedError } from 'typeorm';
import { createPgliteDriver } from 'typeorm-pglite';

@Entity('driver_things')
class Thing {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ unique: true }) name!: string;
  @Column({ type: 'bigint', default: 0 }) big!: string;
  @Column({ type: 'bytea', nullable: true }) blob!: Buffer | null;
  @Column({ type: 'int', default: 0 }) counter!: number;
}

describe('PGlite driver for TypeORM', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = new DataSource({
      type: 'postgres',
      driver: createPgliteDriver(),
      entities: [Thing],
      synchronize: true,
    });
    await dataSource.initialize();
  });
  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
  });

  it('saves, finds, updates and deletes through repositories with pg-shaped values', async () => {
    const repository = dataSource.getRepository(Thing);
    const saved = await repository.save({ name: 'a', big: '9007199254740993', blob: Buffer.from('hi') });
    expect(saved.id).toBe(1);
    const found = await repository.findOneByOrFail({ id: saved.id });
    expect(found).toEqual({ id: 1, name: 'a', big: '9007199254740993', blob: Buffer.from('hi'), counter: 0 });
    expect(Buffer.isBuffer(found.blob)).toBe(true);
    expect((await repository.update({ id: 1 }, { name: 'b' })).affected).toBe(1);
    expect((await repository.delete({ id: 1 })).affected).toBe(1);
    expect(await repository.count()).toBe(0);
  });

  it('runs several statements in one query without parameters, as pg does', async () => {
    const pool = new (createPgliteDriver().Pool)();
    try {
      const client = await pool.connect();
      const results = await client.query('SELECT 1 AS one; SELECT 2 AS two');
      expect(results).toEqual([
        { command: 'SELECT', rowCount: 1, rows: [{ one: 1 }], fields: [{ name: 'one', dataTypeID: 23 }] },
        { command: 'SELECT', rowCount: 1, rows: [{ two: 2 }], fields: [{ name: 'two', dataTypeID: 23 }] },
      ]);
      expect(await client.query('UPDATE pg_class SET relname = relname WHERE false')).toMatchObject({
        command: 'UPDATE',
        rowCount: 0,
      });
      client.release();
      await expect(client.query('SELECT 1')).rejects.toThrow('released');
    } finally {
      await pool.end();
    }
  });

  it('throws QueryFailedError whose driverError carries the fields pg errors carry', async () => {
    const repository = dataSource.getRepository(Thing);
    await repository.insert({ name: 'taken' });
    const error = await repository.insert({ name: 'taken' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryFailedError);
    const driverError = (error as QueryFailedError).driverError as unknown as Record<string, unknown>;
    expect(driverError).toMatchObject({
      name: 'error',
      severity: 'ERROR',
      code: '23505',
      schema: 'public',
      table: 'driver_things',
      constraint: expect.stringMatching(/^UQ_/),
      detail: 'Key (name)=(taken) already exists.',
    });
    expect(Object.keys(driverError)).toEqual(
      expect.arrayContaining([
        'code',
        'detail',
        'hint',
        'schema',
        'table',
        'column',
        'dataType',
        'constraint',
        'routine',
      ]),
    );
    expect(driverError).not.toHaveProperty('params');
    const notNull = await dataSource
      .query('INSERT INTO driver_things (name) VALUES (NULL)')
      .catch((caught: unknown) => caught);
    expect((notNull as QueryFailedError).driverError).toMatchObject({
      code: '23502',
      column: 'name',
      table: 'driver_things',
    });
  });

  it('gives a parameter PGlite cannot encode the SQLSTATE PostgreSQL would (22P02)', async () => {
    const failure = await dataSource.query('SELECT $1::boolean AS flag', ['not a boolean']).catch((error) => error);
    expect(failure.name).toBe('QueryFailedError');
    expect(failure.driverError.code).toBe('22P02');
  });

  it('serialises concurrent transactions instead of interleaving them', async () => {
    const repository = dataSource.getRepository(Thing);
    await repository.insert({ name: 'counter' });
    // Each transaction reads, waits, then writes: interleaved, increments would be lost
    // (or a transaction would run inside another's).
    await Promise.all(
      Array.from({ length: 10 }, () =>
        dataSource.transaction(async (manager) => {
          const [row] = (await manager.query('SELECT counter FROM driver_things WHERE name = $1', [
            'counter',
          ])) as Array<{ counter: number }>;
          await new Promise((resolve) => setTimeout(resolve, 2));
          await manager.query('UPDATE driver_things SET counter = $1 WHERE name = $2', [row.counter + 1, 'counter']);
        }),
      ),
    );
    expect((await repository.findOneByOrFail({ name: 'counter' })).counter).toBe(10);
  });

  it('leaves the database usable after a transaction fails and rolls back', async () => {
    const repository = dataSource.getRepository(Thing);
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.insert(Thing, { name: 'rolled-back' });
        await manager.insert(Thing, { name: 'rolled-back' });
      }),
    ).rejects.toBeInstanceOf(QueryFailedError);
    expect(await repository.count()).toBe(0);
    await repository.insert({ name: 'after' });
    expect(await repository.count()).toBe(1);
  });

  it('shares one lock between DataSources built on the same PGlite instance, and leaves it open', async () => {
    const instance = await PGlite.create();
    const driver = createPgliteDriver(instance);
    const first = new DataSource({ type: 'postgres', driver, entities: [Thing], synchronize: true });
    const second = new DataSource({ type: 'postgres', driver, entities: [Thing] });
    await first.initialize();
    await second.initialize();
    const order: string[] = [];
    await Promise.all([
      first.transaction(async (manager) => {
        order.push('first:start');
        await manager.insert(Thing, { name: 'x' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('first:end');
      }),
      second.transaction(async (manager) => {
        order.push('second:start');
        await manager.insert(Thing, { name: 'y' });
        order.push('second:end');
      }),
    ]);
    expect(order).toEqual(['first:start', 'first:end', 'second:start', 'second:end']);
    await first.destroy();
    await second.destroy();
    expect(instance.closed).toBe(false);
    await instance.close();
  });
});
