import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';

/** HTTP_ADAPTER=fastify switches from Express to Fastify; PORT defaults to 3000. */
async function bootstrap(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  // rawBody lets the error module reject invalid UTF-8 bodies instead of silently
  // decoding them into replacement characters.
  const app =
    process.env.HTTP_ADAPTER === 'fastify'
      ? await NestFactory.create(AppModule, new FastifyAdapter(), { rawBody: true })
      : await NestFactory.create(AppModule, { rawBody: true });
  app.enableShutdownHooks();
  await app.listen(port, '0.0.0.0');
  console.log(`Listening on http://localhost:${port} (${process.env.HTTP_ADAPTER ?? 'express'})`);
}

void bootstrap();
