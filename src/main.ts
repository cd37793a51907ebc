// First: the OpenTelemetry SDK must be registered before NestJS and the HTTP stack load.
import { telemetry } from './telemetry/register';
import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { API_DOCS_PATH } from './api-docs';
import { AppModule } from './app.module';
import { API_PREFIX, configureApp, fastifyAdapterOptions } from './app.setup';
import { configFromEnv } from './config';
import { installGracefulShutdown } from './lifecycle/graceful-shutdown';

/**
 * `npm start`: PGlite persisting to .data/pglite, or the server in DATABASE_URL.
 * HTTP_ADAPTER=fastify switches from Express to Fastify; PORT defaults to 3000.
 */
async function bootstrap(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const config = configFromEnv();
  const module = AppModule.forRoot(config);
  // rawBody lets the error module reject invalid UTF-8 bodies instead of silently
  // decoding them into replacement characters, and the routes read client-keyed objects
  // (record values, type options) from it whole (JsonBodyField).
  // Fastify gets `bodyLimit: 102400` (BODY_LIMIT), Express's default JSON limit, instead
  // of its own 1 MiB, so that both adapters refuse the same sizes (see BODY_LIMIT); the
  // frameworkErrors hook answers Fastify's router errors in the error contract.
  const app =
    process.env.HTTP_ADAPTER === 'fastify'
      ? await NestFactory.create(module, new FastifyAdapter(fastifyAdapterOptions()), { rawBody: true })
      : await NestFactory.create(module, { rawBody: true });
  configureApp(app);
  // SIGTERM/SIGINT: requests in flight finish, new ones get 503, then the server and the
  // DataSource close (PGlite flushes its files).
  installGracefulShutdown(app, { afterClose: async () => telemetry?.shutdown() });
  await app.listen(port, '0.0.0.0');
  if (process.env.HTTP_ADAPTER !== 'fastify') {
    // Node's default keeps an idle connection 5 s: a client (or a proxy, whose idle
    // timeout is usually 60 s) that sends on it just as the server closes it gets
    // ECONNRESET and no answer. Fastify keeps it 72 s; Express gets the same.
    const server = app.getHttpServer() as Server;
    server.keepAliveTimeout = 72_000;
  }
  const database =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : config.database.kind === 'mariadb'
        ? 'MariaDB (DATABASE_URL)'
        : `PGlite in ${config.database.dataDir}`;
  console.log(
    `Listening on http://localhost:${port}/${API_PREFIX} (${process.env.HTTP_ADAPTER ?? 'express'}, ${database}); ` +
      `API docs at http://localhost:${port}/${API_DOCS_PATH}`,
  );
}

void bootstrap();
