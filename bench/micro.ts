import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import { IsInt, Min, ValidateNested, ValidationError, validate } from 'class-validator';
import { performance } from 'node:perf_hooks';
import { DataSource, QueryFailedError } from 'typeorm';
import { flattenValidationErrors } from 'nest-error-contract';
import { createDatabaseTranslator } from 'nest-error-contract/typeorm';
import { createPgliteDriver } from 'typeorm-pglite';
import { BenchUser, TAKEN_USER, USERS_SETUP_SQL } from './apps';
import { DatabaseSpec, pgliteOptions } from './protocol';

/**
 * Micro-benchmarks, in a process of their own (forked by bench/run.ts, spec in
 * BENCH_MICRO, results sent back over IPC):
 * - translations per second of a real unique violation (users_email_key, raised by the
 *   database through TypeORM) by the translator ErrorsModule builds, with TypeORM
 *   metadata mapping the constraint to its field;
 * - the time to flatten a class-validator tree of 1,000 nested violations
 *   (groups.G.items.I.qty), with the default cap of 100 objects and with the cap at 1,000.
 */
export interface MicroSpec {
  database: DatabaseSpec;
  /** Timed rounds; the median is reported. */
  rounds: number;
  /** Length of one translation round, ms. */
  roundMs: number;
  /** Flattenings per round. */
  flattenIterations: number;
}

export interface MicroResult {
  database: string;
  translationsPerSecond: number[];
  translatedTo: string;
  flattenDefaultCapMs: number[];
  flattenAllMs: number[];
  flattenedObjects: { defaultCap: number; all: number };
}

class Item {
  @IsInt()
  @Min(1)
  qty!: number;
}

class Group {
  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];
}

class Order {
  @ValidateNested({ each: true })
  @Type(() => Group)
  groups!: Group[];
}

/** 10 groups x 100 items, each item's qty breaking one rule: 1,000 violations, four levels deep. */
async function thousandViolations(): Promise<ValidationError[]> {
  const plain = {
    groups: Array.from({ length: 10 }, () => ({ items: Array.from({ length: 100 }, () => ({ qty: 0 })) })),
  };
  // The options the library's pipe passes: targets kept (for rule arguments), values not.
  return validate(plainToInstance(Order, plain), { validationError: { target: true, value: false } });
}

async function realUniqueViolation(spec: MicroSpec): Promise<{ error: unknown; dataSource: DataSource }> {
  const common = { type: 'postgres' as const, entities: [BenchUser], synchronize: false, logging: false };
  const database = spec.database;
  const dataSource =
    database.kind === 'pglite'
      ? new DataSource({ ...common, driver: createPgliteDriver(pgliteOptions(database)) })
      : new DataSource({
          ...common,
          url: database.url,
          schema: database.schema,
          poolSize: 1,
          extra: { options: `-c search_path=${database.schema},public` },
        });
  await dataSource.initialize();
  if (database.kind === 'postgres') await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${database.schema}"`);
  await dataSource.synchronize();
  for (const statement of USERS_SETUP_SQL) await dataSource.query(statement);
  await dataSource.getRepository(BenchUser).insert(TAKEN_USER);
  try {
    await dataSource.getRepository(BenchUser).insert({ username: 'another', email: TAKEN_USER.email });
  } catch (error) {
    if (!(error instanceof QueryFailedError)) throw error;
    return { error, dataSource };
  }
  throw new Error('The duplicate insert did not fail.');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function run(spec: MicroSpec): Promise<MicroResult> {
  const { error, dataSource } = await realUniqueViolation(spec);
  const translate = await createDatabaseTranslator({}, { dataSource, warn: () => undefined });
  const context = { requestId: 'bench' } as Parameters<typeof translate>[1];
  const sample = translate(error, context);
  if (!sample || sample.errors[0].status !== 409) throw new Error(`Unexpected translation: ${JSON.stringify(sample)}`);
  const translatedTo = JSON.stringify(sample.errors.map((item) => item.error));

  const translationsPerSecond: number[] = [];
  let sink = 0;
  for (let round = 0; round <= spec.rounds; round++) {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < spec.roundMs) {
      for (let i = 0; i < 1000; i++) sink += translate(error, context)!.errors.length;
      count += 1000;
      elapsed = performance.now() - start;
    }
    if (round > 0) translationsPerSecond.push((count / elapsed) * 1000); // round 0 warms up
  }

  const tree = await thousandViolations();
  const flattenDefaultCapMs: number[] = [];
  const flattenAllMs: number[] = [];
  const counts = {
    defaultCap: flattenValidationErrors(tree).length,
    all: flattenValidationErrors(tree, { maxErrors: 1000 }).length,
  };
  for (let round = 0; round <= spec.rounds; round++) {
    let start = performance.now();
    for (let i = 0; i < spec.flattenIterations; i++) sink += flattenValidationErrors(tree).length;
    if (round > 0) flattenDefaultCapMs.push((performance.now() - start) / spec.flattenIterations);
    start = performance.now();
    for (let i = 0; i < spec.flattenIterations; i++) sink += flattenValidationErrors(tree, { maxErrors: 1000 }).length;
    if (round > 0) flattenAllMs.push((performance.now() - start) / spec.flattenIterations);
  }
  if (sink < 0) console.log(sink);

  if (database(spec) === 'postgres')
    await dataSource.query(`DROP SCHEMA IF EXISTS "${(spec.database as { schema: string }).schema}" CASCADE`);
  await dataSource.destroy();
  return {
    database: database(spec),
    translationsPerSecond,
    translatedTo,
    flattenDefaultCapMs,
    flattenAllMs,
    flattenedObjects: counts,
  };
}

function database(spec: MicroSpec): string {
  return spec.database.kind;
}

export { median };

if (require.main === module) {
  run(JSON.parse(process.env.BENCH_MICRO ?? '{}') as MicroSpec).then(
    (result) => {
      process.send?.({ type: 'micro', result });
      process.exit(0);
    },
    (error: unknown) => {
      process.send?.({
        type: 'failed',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      process.exit(1);
    },
  );
}
