import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ContractStandardSchemaPipe, ContractValidationPipe, fastifyFrameworkErrors } from 'nest-error-contract';
import { AppModule } from './app.module.js';

/**
 * Starts the app on Express, or on Fastify with HTTP_ADAPTER=fastify, on PORT (0: any
 * free port), and prints the address it listens on. `rawBody: true` lets the library
 * refuse bodies that are not UTF-8; `frameworkErrors` answers Fastify's router errors in
 * the contract.
 */
export async function bootstrap(): Promise<void> {
  const app: INestApplication =
    process.env.HTTP_ADAPTER === 'fastify'
      ? await NestFactory.create(AppModule, new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors }), {
          rawBody: true,
        })
      : await NestFactory.create(AppModule, { rawBody: true });
  // DTOs (class-validator) and `@Body({ schema })` routes (zod), side by side
  app.useGlobalPipes(new ContractValidationPipe(), new ContractStandardSchemaPipe());
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
  console.log(`Listening on ${await app.getUrl()}`);
}
