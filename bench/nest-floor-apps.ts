import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  DynamicModule,
  ExceptionFilter,
  Get,
  INestApplication,
  Inject,
  LoggerService,
  Module,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { Response } from 'express';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import {
  CONFLICT,
  ContractError,
  ERROR_HEADERS,
  MALFORMED_JSON,
  NEW_USER,
  NOT_FOUND,
  internalError,
  unknownRoute,
  violationsOf,
  zodViolationsOf,
} from './bare-apps';

/**
 * The floor of `npm run bench:cost` inside Nest ("nest-floor"): stock's app shape (the
 * same adapter, routes, `@Param`s and global ValidationPipe) whose handlers write ours'
 * bytes themselves through `@Res()` instead of throwing, with the bare apps' hand-written
 * checks and answers. What it costs is Nest's own machinery (router proxy, execution
 * context, parameter resolution) plus the bare work: no error library can go below it.
 * Unknown routes are answered where Nest installs its not-found handler, by a function
 * that writes the bytes (as the library does: going through Nest's own handler, an
 * exception and a filter, would cost more than ours and be no floor). Where the error
 * must be thrown (malformed JSON, a TypeError) a filter that only writes the bytes
 * catches it: a library has to be a filter to see those errors at all.
 */

/** Writes an answer on the adapter's response object, with a fresh request id as ours sends on every answer. */
interface FloorWriter {
  errors(response: unknown, status: number, errors: ContractError[]): void;
  created(response: unknown, body: object): void;
  /** A 500 whose body quotes the request id of its header. */
  internal(response: unknown): void;
}

const expressWriter: FloorWriter = {
  errors: (response, status, errors) =>
    (response as Response)
      .status(status)
      .set(ERROR_HEADERS)
      .set('x-request-id', randomUUID())
      .end(JSON.stringify(errors)),
  created: (response, body) => (response as Response).status(201).set('x-request-id', randomUUID()).json(body),
  internal: (response) => {
    const id = randomUUID();
    (response as Response)
      .status(500)
      .set(ERROR_HEADERS)
      .set('x-request-id', id)
      .end(JSON.stringify(internalError(id)));
  },
};

const fastifyWriter: FloorWriter = {
  errors: (reply, status, errors) =>
    void (reply as FastifyReply)
      .code(status)
      .headers(ERROR_HEADERS)
      .header('x-request-id', randomUUID())
      .send(JSON.stringify(errors)),
  created: (reply, body) => void (reply as FastifyReply).code(201).header('x-request-id', randomUUID()).send(body),
  internal: (reply) => {
    const id = randomUUID();
    void (reply as FastifyReply)
      .code(500)
      .headers(ERROR_HEADERS)
      .header('x-request-id', id)
      .send(JSON.stringify(internalError(id)));
  },
};

const FLOOR_WRITER = Symbol('FLOOR_WRITER');

@Controller()
export class NestFloorController {
  constructor(@Inject(FLOOR_WRITER) private readonly write: FloorWriter) {}

  /** No DTO type, so the global ValidationPipe lets the body through and the bare checks run. */
  @Post('users')
  create(@Body() body: Record<string, unknown>, @Res() response: unknown): void {
    const errors = violationsOf(body);
    if (errors.length > 0) this.write.errors(response, 400, errors);
    else this.write.created(response, NEW_USER);
  }

  @Post('zod/users')
  createWithZod(@Body() body: Record<string, unknown>, @Res() response: unknown): void {
    const errors = zodViolationsOf(body);
    if (errors.length > 0) this.write.errors(response, 400, errors);
    else this.write.created(response, NEW_USER);
  }

  @Get('users/:id')
  find(@Param('id') _id: string, @Res() response: unknown): void {
    this.write.errors(response, 404, NOT_FOUND);
  }

  @Post('users/:id/rename')
  rename(@Param('id') _id: string, @Res() response: unknown): void {
    this.write.errors(response, 409, CONFLICT);
  }

  /** A bug cannot answer for itself: the TypeError is thrown, as in the other apps. */
  @Get('boom')
  boom(): string {
    const missing = (globalThis as { benchMissingUser?: { name: string } }).benchMissingUser;
    return missing!.name;
  }
}

/** The least a catch-all filter can do: tell the two thrown cases apart and write their bytes. */
@Catch()
class NestFloorFilter implements ExceptionFilter {
  constructor(
    private readonly write: FloorWriter,
    private readonly logger: LoggerService,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<unknown>();
    // Nest hands a body parser's failure over as an HttpException caused by the parser's error.
    const cause = (exception as { cause?: Error & { code?: string } }).cause;
    if (cause instanceof SyntaxError || cause?.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      this.write.errors(response, 400, MALFORMED_JSON);
    } else {
      // Every 500 is logged with its stack, as the other sides do.
      this.logger.error(exception);
      this.write.internal(response);
    }
  }
}

const writerFor = (adapter: 'express' | 'fastify'): FloorWriter =>
  adapter === 'fastify' ? fastifyWriter : expressWriter;

/** Before `app.init()`: the filter, and the bytes of an unknown route in the place of Nest's not-found handler. */
export function installNestFloor(app: INestApplication, adapter: 'express' | 'fastify', logger: LoggerService): void {
  const write = writerFor(adapter);
  app.useGlobalFilters(new NestFloorFilter(write, logger));
  const httpAdapter = app.getHttpAdapter() as unknown as Pick<AbstractHttpAdapter, 'setNotFoundHandler'>;
  const register = httpAdapter.setNotFoundHandler.bind(httpAdapter);
  const answer = (request: { method: string; url: string }, response: unknown) =>
    write.errors(response, 404, unknownRoute(request.method, request.url.split('?')[0]));
  httpAdapter.setNotFoundHandler = (_nestHandler, prefix, excludedRoutes) => register(answer, prefix, excludedRoutes);
}

@Module({})
export class NestFloorModule {
  static register(adapter: 'express' | 'fastify'): DynamicModule {
    return {
      module: NestFloorModule,
      controllers: [NestFloorController],
      providers: [{ provide: FLOOR_WRITER, useValue: writerFor(adapter) }],
    };
  }
}
