import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';

/**
 * The instrumentations the app registers: HTTP (the server span of every request),
 * Express and NestJS (route and handler spans). They patch modules as `require` loads
 * them, so they must be registered before the app's modules load (see register.ts).
 * Fastify announces each new instance on a diagnostics channel; its instrumentation
 * registers its plugin there, whatever loaded Fastify (NestJS 12 loads it from ESM).
 */
export function appInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation(),
    new ExpressInstrumentation(),
    new NestInstrumentation(),
    new FastifyOtelInstrumentation({ registerOnInitialization: true }),
  ];
}
