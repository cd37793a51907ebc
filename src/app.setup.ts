import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { fastifyFrameworkErrors } from 'nest-error-contract';
import { serveApiDocs } from './api-docs';

/** Every route is under this prefix. */
export const API_PREFIX = 'api/v0';

/**
 * The largest request body either adapter accepts, in bytes: Express's JSON parser
 * default (`100kb`), which Express keeps. Fastify's own default is 1 MiB, so main.ts
 * gives it this limit: both adapters then refuse the same bodies with 413, and a body
 * stays small enough for the validation pipe (class-transformer's copy of an object
 * takes time quadratic in its number of keys: a 768 KB body of 60,000 keys blocked the
 * event loop about 4 s on Fastify).
 */
export const BODY_LIMIT = 102_400;

/**
 * The FastifyAdapter's options (main.ts; tests booting the app on Fastify use them too):
 * Express's body limit, the contract for errors Fastify's router answers itself,
 * `ignoreTrailingSlash`, so `PATCH /api/v0/columns/2/` reaches the route as on Express
 * (Fastify's router treats the trailing slash as another path and answers 404), and
 * `return503OnClosing: false`: while the server closes, Fastify would answer requests on
 * open connections itself with a 503 outside the contract; they reach the app instead,
 * whose DrainingGuard answers the contract 503.
 */
export function fastifyAdapterOptions(): ConstructorParameters<typeof FastifyAdapter>[0] {
  return {
    bodyLimit: BODY_LIMIT,
    frameworkErrors: fastifyFrameworkErrors,
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: false,
  };
}

/** What main.ts and the tests both apply to the Nest application before init. */
export function configureApp(app: INestApplication): INestApplication {
  // Express announces itself in every answer (`X-Powered-By: Express`): telling clients
  // the framework helps nobody but someone matching known flaws. Fastify sends none.
  const http = app.getHttpAdapter();
  if (http.getType() === 'express') {
    (http.getInstance() as { disable(setting: string): void }).disable('x-powered-by');
    // Request bodies are taken as sent, as on Fastify, which has no decoder: a gzip body
    // answers 415 1415 on both adapters rather than being inflated on one only.
    (app as NestExpressApplication).useBodyParser('json', { inflate: false });
  }
  app.setGlobalPrefix(API_PREFIX);
  serveApiDocs(app);
  return app;
}
