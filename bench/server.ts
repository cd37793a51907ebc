import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp, fastifyAdapterOptions } from '../src/app.setup';
import type { AppConfig } from '../src/config';
import { createPgliteDriver } from 'typeorm-pglite';
import { BenchModule, BenchUser, SilentLogger, TAKEN_USER, USERS_SETUP_SQL, Variant, pipeFor } from './apps';
import { ServerMessage, ServerRequest, ServerSpec, pgliteOptions } from './protocol';

/**
 * One server process of the bench, forked by bench/run.ts with its spec in
 * BENCH_SERVER (JSON). It listens on an ephemeral loopback port, reports it over IPC,
 * and answers the runner's IPC requests (heap after GC, row count, table reset, exit).
 * Nothing is written: Nest and the library get the same silent logger (see SilentLogger).
 */
const spec = JSON.parse(process.env.BENCH_SERVER ?? '{}') as ServerSpec;

async function openDataSource(): Promise<DataSource | undefined> {
  if (spec.database === undefined) return undefined;
  const common = { type: 'postgres' as const, entities: [BenchUser], synchronize: false, logging: false };
  const dataSource =
    spec.database.kind === 'pglite'
      ? new DataSource({ ...common, driver: createPgliteDriver(pgliteOptions(spec.database)) })
      : new DataSource({
          ...common,
          url: spec.database.url,
          schema: spec.database.schema,
          poolSize: 10,
          extra: { options: `-c search_path=${spec.database.schema},public` },
        });
  await dataSource.initialize();
  if (spec.database.kind === 'postgres')
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${spec.database.schema}"`);
  await dataSource.synchronize();
  for (const statement of USERS_SETUP_SQL) await dataSource.query(statement);
  await dataSource.getRepository(BenchUser).insert(TAKEN_USER);
  return dataSource;
}

/** The sample app as src/main.ts builds it (silent), on the bench's database. */
async function startSampleApp(): Promise<void> {
  const database = spec.database;
  if (!database) throw new Error('The sample app needs a database.');
  const appSchema = database.kind === 'postgres' ? `${database.schema}_app` : 'public';
  const config: AppConfig = {
    database:
      database.kind === 'pglite'
        ? { kind: 'pglite', instance: await PGlite.create(pgliteOptions(database)) }
        : { kind: 'postgres', url: database.url, schema: appSchema, userTablesSchema: `${database.schema}_tables` },
  };
  const module = AppModule.forRoot(config);
  const options = { logger: new SilentLogger(), rawBody: true };
  const app: INestApplication =
    spec.adapter === 'fastify'
      ? await NestFactory.create(module, new FastifyAdapter(fastifyAdapterOptions()), options)
      : await NestFactory.create(module, options);
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const dataSource = app.get(DataSource);
  process.on('message', (message: ServerRequest) => {
    if (message.type === 'count') {
      void (
        dataSource.query(`SELECT count(*)::int AS n FROM "${appSchema}".users WHERE lower(username) = lower($1)`, [
          message.username,
        ]) as Promise<Array<{ n: number }>>
      ).then((rows) => process.send?.({ type: 'count', rows: Number(rows[0].n) }));
    } else if (message.type === 'exit') {
      void app.close().then(() => {
        process.send?.({ type: 'exit' });
        setImmediate(() => process.exit(0));
      });
    }
  });
  process.send?.({ type: 'ready', port } satisfies ServerMessage);
}

async function start(): Promise<void> {
  if (spec.sampleApp) return startSampleApp();
  const logger = new SilentLogger();
  const dataSource = await openDataSource();
  const variant: Variant = spec.variant;
  const module = BenchModule.register({ variant, logger, dataSource });
  // rawBody for ours only: the library checks UTF-8 on the raw bytes (its cost is measured).
  const options = { logger, rawBody: variant === 'ours' };
  const app: INestApplication =
    spec.adapter === 'fastify'
      ? await NestFactory.create(module, new FastifyAdapter(), options)
      : await NestFactory.create(module, options);
  app.useGlobalPipes(pipeFor(variant));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };

  process.on('message', (message: ServerRequest) => {
    void answer(message, app, dataSource).then((reply) => process.send?.(reply));
  });
  process.send?.({ type: 'ready', port } satisfies ServerMessage);
}

async function answer(request: ServerRequest, app: INestApplication, dataSource?: DataSource): Promise<ServerMessage> {
  switch (request.type) {
    case 'heap': {
      const gc = (globalThis as { gc?: () => void }).gc;
      for (let i = 0; i < 3; i++) gc?.();
      return { type: 'heap', heapUsed: process.memoryUsage().heapUsed };
    }
    case 'cpu': {
      const usage = process.cpuUsage();
      return { type: 'cpu', micros: usage.user + usage.system };
    }
    case 'count': {
      const found = dataSource
        ? ((await dataSource.query('SELECT count(*)::int AS n FROM users WHERE lower(username) = lower($1)', [
            request.username,
          ])) as Array<{ n: number }>)
        : [{ n: -1 }];
      const rows = Number(found[0].n);
      return { type: 'count', rows };
    }
    case 'reset': {
      if (dataSource) {
        await dataSource.query('DELETE FROM users');
        await dataSource.getRepository(BenchUser).insert(TAKEN_USER);
      }
      return { type: 'reset' };
    }
    case 'profile-start': {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
      return { type: 'profile-start' };
    }
    case 'profile-stop': {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(request.file, JSON.stringify(profile));
      return { type: 'profile-stop' };
    }
    case 'exit': {
      await app.close();
      if (dataSource?.isInitialized) await dataSource.destroy();
      // process.exit lets --cpu-prof write its profile.
      setImmediate(() => process.exit(0));
      return { type: 'exit' };
    }
  }
}

/** CPU profiling of the measured part only (bench/profile.ts), through the inspector. */
let session: Session | undefined;
function post(method: string, params?: object): Promise<unknown> {
  if (!session) {
    session = new Session();
    session.connect();
  }
  const connected = session;
  return new Promise((done, fail) =>
    connected.post(method, params ?? {}, (error, result) => (error ? fail(error) : done(result))),
  );
}

start().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
