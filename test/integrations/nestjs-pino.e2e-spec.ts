import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import { Logger, LoggerModule } from 'nestjs-pino';
import { ErrorsModule, createValidationPipe, requestIdGenerator } from 'nest-error-contract';
import { pinoHttp } from 'pino-http';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { ADAPTERS, TestApp, createTestApp, expectContract } from '../support/test-app';

// The real nestjs-pino (pino-http underneath) writing JSON lines to a stream the test
// reads, installed as a team does: LoggerModule.forRoot + app.useLogger(app.get(Logger)).

const SECRET_TOKEN = 'Bearer secret-token-4f1d';
const SECRET_COOKIE = 'session=secret-cookie-77ab';
const SECRET_PARAMETER = 'secret-parameter-c0ffee';
const SECRET_BODY = 'secret-body-value-9e2';

class ThingDto {
  @IsString()
  name!: string;
}

@Controller()
class FailingController {
  @Get('boom')
  boom(): never {
    // A TypeError with a cause, as a failed call deep in a service throws it.
    throw new TypeError('cannot read the price', { cause: new RangeError('price table is empty') });
  }

  @Get('query')
  query(): never {
    // A driver error whose query parameters must never reach the log.
    const driverError = Object.assign(new Error('connection reset'), { code: '08006', detail: SECRET_PARAMETER });
    throw new QueryFailedError('SELECT * FROM prices WHERE token = $1', [SECRET_PARAMETER], driverError);
  }

  @Post('things')
  create(@Body() dto: ThingDto): ThingDto {
    return dto;
  }
}

interface LogRecord {
  level: number;
  msg?: string;
  req?: { id?: unknown; headers?: Record<string, unknown> };
  [key: string]: unknown;
}

const ERROR_LEVEL = 50;

/**
 * nestjs-pino builds its pino-http instance once per process (its root logger), with the
 * first app's destination: every app of this file writes to this one stream, emptied
 * before each test.
 */
const log = memoryStream();
beforeEach(() => log.clear());

function memoryStream(): { stream: Writable; records(): LogRecord[]; text(): string; clear(): void } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    stream,
    records: () => lines.map((line) => JSON.parse(line) as LogRecord),
    text: () => lines.join('\n'),
    clear: () => lines.splice(0),
  };
}

/** pino-http's options as docs/pino.md recommends them. */
function recommendedPinoHttpOptions(extras: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    level: 'debug',
    // Credentials never reach the log.
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // The library writes the one error record of a 5xx; pino-http's request line stays at info.
    customLogLevel: (_request: unknown, response: { statusCode: number }, error?: Error) =>
      error && response.statusCode < 500 ? 'warn' : 'info',
    ...extras,
  };
}

interface PinoAppOptions {
  /** FastifyAdapter's `genReqId: requestIdGenerator()`, as docs/pino.md shows (default true). */
  fastifyGenReqId?: boolean;
  /**
   * pino-http installed by the app before Nest's middleware (`app.use`), with its own
   * `genReqId`, and nestjs-pino told to use it (`useExisting`): pino-http numbers the
   * request before the library sees it.
   */
  pinoHttpFirst?: { genReqId: () => string };
}

async function appWithPino(
  adapter: (typeof ADAPTERS)[number],
  output: Writable,
  options: PinoAppOptions = {},
): Promise<TestApp> {
  @Module({
    imports: [
      LoggerModule.forRoot({
        // Every path: nestjs-pino's default pattern ('{/*splat}') left Fastify's routes at
        // the root unlogged here (no global prefix).
        forRoutes: ['{*splat}'],
        ...(options.pinoHttpFirst
          ? { useExisting: true as const }
          : { pinoHttp: [recommendedPinoHttpOptions(), output] as [Record<string, unknown>, Writable] }),
      }),
      ErrorsModule.forRoot({ database: false }),
    ],
    controllers: [FailingController],
  })
  class PinoAppModule {}
  return createTestApp(
    adapter,
    { imports: [PinoAppModule] },
    {
      fastifyOptions: options.fastifyGenReqId === false ? {} : { genReqId: requestIdGenerator() },
      configure: (app) => {
        if (options.pinoHttpFirst) {
          app.use(pinoHttp(recommendedPinoHttpOptions({ genReqId: options.pinoHttpFirst.genReqId }), output));
        }
        app.useLogger(app.get(Logger));
        app.useGlobalPipes(createValidationPipe());
      },
    },
  );
}

describe.each(ADAPTERS)('nestjs-pino (%s)', (adapter) => {
  it('logs a 500 as exactly one structured error record, with the response request id and the cause chain', async () => {
    const app = await appWithPino(adapter, log.stream);
    try {
      const response = await app
        .http()
        .get('/boom')
        .set('authorization', SECRET_TOKEN)
        .set('cookie', SECRET_COOKIE)
        .expect(500);
      const requestId = response.headers['x-request-id'] as string;
      expect(expectContract(response)).toEqual([
        {
          message: 'Something went wrong on our side. Quote the request id if you report it.',
          error_code: '5000',
          field: null,
          details: { request_id: requestId },
        },
      ]);
      const errors = log.records().filter((record) => record.level >= ERROR_LEVEL);
      expect(errors).toHaveLength(1);
      const [record] = errors;
      expect(record).toMatchObject({
        level: ERROR_LEVEL,
        context: 'ErrorContract',
        msg: '500 [5000] GET /boom',
        request_id: requestId,
        error_code: '5000',
        status: 500,
        err: {
          type: 'TypeError',
          message: 'cannot read the price: price table is empty',
        },
      });
      // pino-http's request binding: the same id, one per request.
      expect(String(record.req?.id)).toBe(requestId);
      const err = record.err as { stack: string };
      expect(err.stack).toMatch(/^TypeError: cannot read the price\n\s+at /u);
      expect(err.stack).toContain('caused by: RangeError: price table is empty');
      // pino-http's own request log line carries the same id.
      const completed = log
        .records()
        .filter((item) => item.msg === 'request completed' || item.msg === 'request errored');
      expect(completed.map((item) => item.level)).toEqual([30]);
      expect(completed.map((item) => String(item.req?.id))).toEqual([requestId]);
      expect(log.text()).not.toContain('secret-token');
      expect(log.text()).not.toContain('secret-cookie');
    } finally {
      await app.close();
    }
  });

  it('never logs a failed query’s parameters or the driver’s detail', async () => {
    const app = await appWithPino(adapter, log.stream);
    try {
      const response = await app.http().get('/query').expect(500);
      const errors = log.records().filter((record) => record.level >= ERROR_LEVEL);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        request_id: response.headers['x-request-id'],
        error_code: '5000',
        status: 500,
        err: { type: 'QueryFailedError', message: 'connection reset', code: '08006' },
      });
      expect(Object.keys(errors[0].err as object).sort()).toEqual(['code', 'message', 'stack', 'type']);
      expect(log.text()).not.toContain(SECRET_PARAMETER);
      expect(log.text()).not.toContain('SELECT');
    } finally {
      await app.close();
    }
  });

  it('writes no error record for a 400, and never the request body', async () => {
    const app = await appWithPino(adapter, log.stream);
    try {
      const response = await app.http().post('/things').send({ name: 42, note: SECRET_BODY }).expect(400);
      expect(expectContract(response).map((error) => error.error_code)).toEqual(['2024']);
      expect(log.records().filter((record) => record.level >= ERROR_LEVEL)).toEqual([]);
      // pino-http still logs the request itself, with the id the client got.
      const requestLines = log.records().filter((record) => record.req !== undefined);
      expect(requestLines.map((record) => String(record.req?.id))).toContain(response.headers['x-request-id']);
      expect(log.text()).not.toContain(SECRET_BODY);
    } finally {
      await app.close();
    }
  });

  it('echoes a client’s sane X-Request-Id, and pino-http logs the request under it', async () => {
    const app = await appWithPino(adapter, log.stream);
    try {
      const response = await app.http().get('/boom').set('x-request-id', 'client-chosen-id-1').expect(500);
      expect(response.headers['x-request-id']).toBe('client-chosen-id-1');
      const [record] = log.records().filter((item) => item.level >= ERROR_LEVEL);
      expect(record.request_id).toBe('client-chosen-id-1');
      expect(String(record.req?.id)).toBe('client-chosen-id-1');
    } finally {
      await app.close();
    }
  });

  it('without genReqId on Fastify, still answers the client’s id, and logs it as request_id', async () => {
    const app = await appWithPino(adapter, log.stream, { fastifyGenReqId: false });
    try {
      const response = await app.http().get('/boom').set('x-request-id', 'client-chosen-id-2').expect(500);
      expect(response.headers['x-request-id']).toBe('client-chosen-id-2');
      const [record] = log.records().filter((item) => item.level >= ERROR_LEVEL);
      expect(record.request_id).toBe('client-chosen-id-2');
      // Fastify numbered the request itself (req-1...) and @fastify/middie handed that to pino-http.
      expect(String(record.req?.id)).toBe(adapter === 'fastify' ? 'req-1' : 'client-chosen-id-2');
    } finally {
      await app.close();
    }
  });
});

describe('nestjs-pino after pino-http installed first (express)', () => {
  it('reuses the id pino-http generated (its genReqId) as the response’s X-Request-Id', async () => {
    let generated = 0;
    const app = await appWithPino('express', log.stream, {
      pinoHttpFirst: { genReqId: () => `pino-${++generated}` },
    });
    try {
      const response = await app.http().get('/boom').expect(500);
      const [record] = log.records().filter((item) => item.level >= ERROR_LEVEL);
      expect(String(record.req?.id)).toMatch(/^pino-\d+$/u);
      expect(response.headers['x-request-id']).toBe(String(record.req?.id));
      expect(record.request_id).toBe(String(record.req?.id));
    } finally {
      await app.close();
    }
  });
});
