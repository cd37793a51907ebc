// First: the SDK is registered before NestJS, Express and Fastify load.
import { takeCounterPoints, takeSpans, sdk } from './telemetry';
import 'reflect-metadata';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IsInt, IsString } from 'class-validator';
import { ErrorsModule, createValidationPipe, fastifyFrameworkErrors } from 'nest-error-contract';
import type { TelemetryMessage, TelemetryRequest } from './observations';

class ThingDto {
  @IsString()
  name!: string;

  @IsInt()
  count!: number;
}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() dto: ThingDto): ThingDto {
    return dto;
  }

  @Get(':id/price')
  price(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'amount')");
  }
}

@Module({ imports: [ErrorsModule.forRoot({ database: false })], controllers: [ThingsController] })
class TelemetryAppModule {}

/**
 * A small app with the error contract, run by test/integrations/opentelemetry.e2e-spec.ts
 * in a process of its own (HTTP_ADAPTER express | fastify). It reports its port, then
 * answers each `collect` message with the spans and counter points recorded since.
 */
async function main(): Promise<void> {
  const app =
    process.env.HTTP_ADAPTER === 'fastify'
      ? await NestFactory.create(TelemetryAppModule, new FastifyAdapter({ frameworkErrors: fastifyFrameworkErrors }), {
          logger: ['error'],
        })
      : await NestFactory.create(TelemetryAppModule, { logger: ['error'] });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const send = (message: TelemetryMessage) => process.send?.(message);
  process.on('message', (request: TelemetryRequest) => {
    if (request.type !== 'collect') return;
    void takeCounterPoints(request.meter, request.counter).then((points) =>
      send({ type: 'collected', spans: takeSpans(), points }),
    );
  });
  process.once('disconnect', () => {
    void app
      .close()
      .then(() => sdk.shutdown())
      .finally(() => process.exit(0));
  });
  send({ type: 'listening', port });
}

void main();
