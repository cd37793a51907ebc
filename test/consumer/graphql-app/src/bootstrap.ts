import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { fastifyFrameworkErrors } from 'nest-error-contract';
import { AppModule } from './app.module.js';

/** Starts the GraphQL app on Express (Apollo), or on Fastify (Mercurius) with HTTP_ADAPTER=fastify. */
export async function bootstrap(): Promise<void> {
  const app: INestApplication =
    process.env.HTTP_ADAPTER === 'fastify'
      ? await NestFactory.create(AppModule, new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors }))
      : await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
  console.log(`Listening on ${await app.getUrl()}`);
}
