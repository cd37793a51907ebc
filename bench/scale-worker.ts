import 'reflect-metadata';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import inject from 'light-my-request';
import type { DispatchFunc, InjectOptions, Response as InjectedResponse } from 'light-my-request';
import { fastifyFrameworkErrors } from 'nest-error-contract';
import { SilentLogger } from './apps';
import { RotationSettings, rotate } from './rotation';
import { ScaleModule, appCodes, itemsBody } from './scale-apps';

/**
 * One process of `npm run bench:scale` (forked by bench/scale.ts, spec in BENCH_SCALE):
 * either the CPU of one answer as the violations or the registry grow, on one adapter,
 * measured as bench:cost measures (sides in turn, one request at a time, medians), or
 * one start-up of an app whose ErrorsModule holds some app codes.
 */
export type ScaleSpec =
  | {
      mode: 'answers';
      adapter: 'express' | 'fastify';
      settings: RotationSettings;
      violationCounts: number[];
      registrySizes: number[];
    }
  | { mode: 'startup'; adapter: 'express' | 'fastify'; codes: number };

export interface ViolationsResult {
  count: number;
  /** Objects in each side's answer (ours stops at its cap, stock answers every message). */
  objects: Record<string, number>;
  /** Per side, its median request per round, us. */
  medians: Record<string, number[]>;
}

export interface RegistryResult {
  language: string;
  /** Per registry size, its median request per round, us. */
  medians: Record<string, number[]>;
}

export interface StartupResult {
  /** Defining the codes and their messages (the app's own module code), ms. */
  defineMs: number;
  /** NestFactory.create + app.init, wall and CPU, ms. */
  startMs: number;
  startCpuMs: number;
}

export type ScaleMessage =
  | { type: 'answers'; violations: ViolationsResult[]; registry: RegistryResult[] }
  | { type: 'startup'; result: StartupResult }
  | { type: 'failed'; message: string };

const spec = JSON.parse(process.env.BENCH_SCALE ?? '{}') as ScaleSpec;

type Send = (options: InjectOptions) => Promise<InjectedResponse>;

async function build(
  module: DynamicModule,
  ours: boolean,
  logger: SilentLogger,
): Promise<{ app: INestApplication; send: Send }> {
  const options = { logger, rawBody: ours };
  const app: INestApplication =
    spec.adapter === 'fastify'
      ? await NestFactory.create(
          module,
          new FastifyAdapter(ours ? { frameworkErrors: fastifyFrameworkErrors } : {}),
          options,
        )
      : await NestFactory.create(module, options);
  await app.init();
  const instance = app.getHttpAdapter().getInstance() as {
    inject?: Send;
    ready?: () => Promise<unknown>;
  };
  if (spec.adapter === 'fastify') await instance.ready?.();
  const send: Send =
    spec.adapter === 'fastify'
      ? (request) => instance.inject!(request)
      : (request) => inject(instance as unknown as DispatchFunc, request);
  return { app, send };
}

/** A request that must answer `status`, checked on every call. */
function requestOf(send: Send, request: InjectOptions, status: number): () => Promise<InjectedResponse> {
  return async () => {
    const response = await send(request);
    if (response.statusCode !== status)
      throw new Error(
        `${request.method} ${request.url}: ${response.statusCode} instead of ${status}: ${response.body.slice(0, 300)}`,
      );
    return response;
  };
}

const objectsIn = (body: string): number => {
  const parsed = JSON.parse(body) as unknown;
  return Array.isArray(parsed) ? parsed.length : ((parsed as { message?: unknown[] }).message?.length ?? 0);
};

async function violations(settings: RotationSettings, counts: number[]): Promise<ViolationsResult[]> {
  const logger = new SilentLogger();
  const ours = await build(ScaleModule.register({ variant: 'ours', logger }), true, logger);
  const stock = await build(ScaleModule.register({ variant: 'stock', logger }), false, logger);
  const sidesByCount = new Map<number, Record<string, () => Promise<InjectedResponse>>>();
  for (const count of counts) {
    const post = (url: string) => ({
      method: 'POST' as const,
      url,
      payload: itemsBody(count),
      headers: { 'content-type': 'application/json' },
    });
    const sides: Record<string, () => Promise<InjectedResponse>> = {
      ours: requestOf(ours.send, post('/scale/items'), 400),
      stock: requestOf(stock.send, post('/scale/items'), 400),
    };
    if (count > 100) sides['ours, cap lifted'] = requestOf(ours.send, post('/scale/items-uncapped'), 400);
    sidesByCount.set(count, sides);
  }
  // Every count warmed up before any is measured: the first one measured would otherwise
  // pay for the JIT's work on the code the others share.
  for (const sides of sidesByCount.values()) await rotate(sides, { ...settings, rounds: 0 });
  const results: ViolationsResult[] = [];
  for (const [count, sides] of sidesByCount) {
    const objects: Record<string, number> = {};
    for (const [name, side] of Object.entries(sides)) objects[name] = objectsIn((await side()).body);
    results.push({ count, objects, medians: await rotate(sides, settings) });
  }
  await ours.app.close();
  await stock.app.close();
  return results;
}

async function registry(settings: RotationSettings, sizes: number[]): Promise<RegistryResult[]> {
  const logger = new SilentLogger();
  const apps: Array<{ app: INestApplication; send: Send }> = [];
  for (const size of sizes)
    apps.push(await build(ScaleModule.register({ variant: 'ours', logger, registry: appCodes(size) }), true, logger));
  const results: RegistryResult[] = [];
  for (const language of ['en', 'de']) {
    const sides: Record<string, () => Promise<InjectedResponse>> = {};
    for (const [index, size] of sizes.entries()) {
      const side = requestOf(
        apps[index].send,
        { method: 'GET', url: '/scale/code', headers: { 'accept-language': language } },
        404,
      );
      const [answer] = JSON.parse((await side()).body) as Array<{ error_code: string; message: string }>;
      const expected = String(6000 + size - 1);
      const german = answer.message.startsWith('Element');
      if (answer.error_code !== expected || german !== (language === 'de'))
        throw new Error(`registry of ${size}, ${language}: unexpected answer ${JSON.stringify(answer)}`);
      sides[String(size)] = side;
    }
    results.push({ language, medians: await rotate(sides, settings) });
  }
  for (const { app } of apps) await app.close();
  return results;
}

async function startup(codes: number): Promise<StartupResult> {
  const logger = new SilentLogger();
  const defineStart = performance.now();
  // The app's own module code: its codes and their messages, defined once at import.
  const registry = appCodes(codes);
  const defineMs = performance.now() - defineStart;
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const { app } = await build(ScaleModule.register({ variant: 'ours', logger, registry }), true, logger);
  const cpu = process.cpuUsage(cpuStart);
  const startMs = performance.now() - wallStart;
  await app.close();
  return { defineMs, startMs, startCpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  let message: ScaleMessage;
  if (spec.mode === 'startup') {
    message = { type: 'startup', result: await startup(spec.codes) };
  } else {
    message = {
      type: 'answers',
      violations: await violations(spec.settings, spec.violationCounts),
      registry: await registry(spec.settings, spec.registrySizes),
    };
  }
  process.send?.(message, () => process.exit(0));
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.send?.({ type: 'failed', message: text } satisfies ScaleMessage, () => process.exit(1));
});
