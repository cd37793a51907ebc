import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpException,
  ImATeapotException,
  InternalServerErrorException,
  LoggerService,
  Module,
  Param,
  Post,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ConflictError,
  DomainErrors,
  ErrorsModule,
  InvalidInputError,
  NotFoundError,
  defineErrorCode,
} from 'nest-error-contract';
import { ADAPTERS, TestApp, createTestApp, expectContract, sendRaw } from '../../../test/support/test-app.js';

const PLAN_LIMIT_REACHED = defineErrorCode('6001', 'PLAN_LIMIT_REACHED', 403, 'Your plan allows {limit} tables.', {
  details: '{ limit: number }',
});

/** Text that must never reach a client: it stands for a driver message, a secret, a path. */
const SECRET = 'postgres://admin:hunter2@db.internal/prod';

/** Captures what the filter logs, to assert 5xx are logged once and 4xx are not. */
class RecordingLogger implements LoggerService {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  log(): void {}
  error(message: unknown): void {
    this.errors.push(String(message));
  }
  warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

@Controller()
class ProbeController {
  @Get('domain/not-found')
  notFound() {
    throw new NotFoundError('user');
  }

  @Get('domain/app-code')
  appCode() {
    throw new InvalidInputError('', { code: PLAN_LIMIT_REACHED, details: { limit: 3 }, message: undefined });
  }

  @Get('domain/several')
  several() {
    const problems = DomainErrors.collect();
    problems.add(
      new ConflictError('column', { field: 'name', message: 'There is already a column with the same name.' }),
    );
    problems.add(
      new InvalidInputError('FOOD is not a valid type.', {
        field: 'type',
        details: { available_types: ['INTEGER', 'TEXT'] },
      }),
    );
    problems.throwIfAny();
  }

  @Get('http/:kind')
  http(@Param('kind') kind: string) {
    switch (kind) {
      case 'string':
        throw new BadRequestException('Custom message without a period');
      case 'default':
        throw new ForbiddenException();
      case 'list':
        throw new HttpException({ message: ['first problem', 'second problem'], error: 'Bad Request' }, 400);
      case 'error-response':
        throw new BadRequestException(new Error(SECRET));
      case 'object-no-message':
        throw new HttpException({ secret: SECRET }, 409);
      case 'registered-error-code':
        throw new HttpException('Upgrade your plan', 403, { errorCode: '6001' });
      case 'unregistered-error-code':
        throw new HttpException('Slow down', 429, { errorCode: 'RATE_LIMITED' });
      case 'unlisted-status':
        throw new HttpException('Not available in your country', 451);
      case 'teapot':
        throw new ImATeapotException();
      case 'internal':
        throw new InternalServerErrorException(SECRET);
      case 'unavailable':
        throw new ServiceUnavailableException(SECRET);
    }
    return 'unreachable';
  }

  @Get('throw/:kind')
  throwing(@Param('kind') kind: string) {
    const values: Record<string, unknown> = {
      string: SECRET,
      number: 42,
      null: null,
      undefined: undefined,
      // Older ORMs (Waterline) threw plain dictionaries like this one.
      object: { originalError: { code: '23505', detail: `Key (email)=(${SECRET}) already exists.` } },
      error: new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`),
      break: 'break the filter',
    };
    throw values[kind];
  }

  @Post('echo')
  echo(@Body() body: unknown) {
    return { received: body };
  }

  @Get('csv-then-throw')
  csvThenThrow(@Res({ passthrough: true }) response: { header(name: string, value: string): unknown }) {
    response.header('content-type', 'text/csv');
    throw new NotFoundError('report');
  }

  @Get('items/:id')
  item(@Param('id') id: string) {
    return { id };
  }

  @Get('ok')
  ok() {
    return { ok: true };
  }

  @Get('mid-stream')
  midStream(@Res() response: { raw?: unknown }) {
    const node = (response.raw ?? response) as {
      writeHead(status: number, headers: object): void;
      write(c: string): void;
    };
    node.writeHead(200, { 'content-type': 'application/json' });
    node.write('[{"partial":');
    throw new Error('failed half way');
  }
}

const logger = new RecordingLogger();
const breakingTranslator = (exception: unknown) => {
  if (exception === 'break the filter') throw new Error('translator bug');
  return undefined;
};

@Module({
  imports: [
    ErrorsModule.forRoot({ codes: [PLAN_LIMIT_REACHED], database: false, logger, translators: [breakingTranslator] }),
  ],
  controllers: [ProbeController],
})
class ProbeModule {}

const INTERNAL = (requestId: string) => [
  {
    message: 'Something went wrong on our side. Quote the request id if you report it.',
    error_code: '5000',
    field: null,
    details: { request_id: requestId },
  },
];

describe.each(ADAPTERS)('ErrorsModule on %s', (adapter) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(adapter, { imports: [ProbeModule] });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    logger.errors.length = 0;
  });

  describe('domain exceptions', () => {
    it('answers a NotFoundError with 404 and its code', async () => {
      const response = await app.http().get('/domain/not-found');
      expect(response.status).toBe(404);
      expect(expectContract(response)).toEqual([
        { message: 'The user was not found.', error_code: '4004', field: null, details: { resource: 'user' } },
      ]);
    });

    it('answers several errors in one response, status by the status rule (409 + 400 -> 400)', async () => {
      const response = await app.http().get('/domain/several');
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        {
          message: 'There is already a column with the same name.',
          error_code: '4009',
          field: 'name',
          details: { resource: 'column' },
        },
        {
          message: 'FOOD is not a valid type.',
          error_code: '4000',
          field: 'type',
          details: { available_types: ['INTEGER', 'TEXT'] },
        },
      ]);
    });

    it("uses an app code's status and message template", async () => {
      const response = await app.http().get('/domain/app-code');
      expect(response.status).toBe(403);
      expect(expectContract(response)).toEqual([
        { message: 'Your plan allows 3 tables.', error_code: '6001', field: null, details: { limit: 3 } },
      ]);
    });

    it('answers JSON even when the handler had set another content type', async () => {
      const response = await app.http().get('/csv-then-throw');
      expect(response.status).toBe(404);
      expect(expectContract(response)[0].error_code).toBe('4004');
    });

    it('does not log expected 4xx as errors', async () => {
      await app.http().get('/domain/several');
      expect(logger.errors).toEqual([]);
    });
  });

  describe('HttpException', () => {
    it.each([
      [
        'string',
        400,
        [{ message: 'Custom message without a period.', error_code: '1400', field: null, details: null }],
      ],
      [
        'default',
        403,
        [{ message: 'You are not allowed to do this.', error_code: '1403', field: null, details: null }],
      ],
      [
        'list',
        400,
        [
          { message: 'First problem.', error_code: '1400', field: null, details: null },
          { message: 'Second problem.', error_code: '1400', field: null, details: null },
        ],
      ],
      ['error-response', 400, [{ message: 'The request is invalid.', error_code: '1400', field: null, details: null }]],
      [
        'object-no-message',
        409,
        [{ message: 'The request conflicts with the current state.', error_code: '1409', field: null, details: null }],
      ],
      [
        'registered-error-code',
        403,
        [{ message: 'Upgrade your plan.', error_code: '6001', field: null, details: null }],
      ],
      [
        'unregistered-error-code',
        429,
        [{ message: 'Slow down.', error_code: '1429', field: null, details: { reason: 'RATE_LIMITED' } }],
      ],
      [
        'unlisted-status',
        451,
        [{ message: 'Not available in your country.', error_code: '1010', field: null, details: null }],
      ],
      ['teapot', 418, [{ message: 'I am a teapot.', error_code: '1418', field: null, details: null }]],
    ])('%s -> %i', async (kind, status, body) => {
      const response = await app.http().get(`/http/${kind}`);
      expect(response.status).toBe(status);
      expect(expectContract(response)).toEqual(body);
      expect(response.text).not.toContain('hunter2');
    });

    it('answers a 5xx HttpException generically, never with its message, and logs it', async () => {
      const response = await app.http().get('/http/internal');
      expect(response.status).toBe(500);
      const requestId = response.headers['x-request-id'];
      expect(expectContract(response)).toEqual(INTERNAL(requestId));
      expect(response.text).not.toContain('hunter2');
      expect(logger.errors).toHaveLength(1);
      expect(logger.errors[0]).toContain(`request_id=${requestId}`);
      expect(logger.errors[0]).toContain('InternalServerErrorException');
    });

    it('keeps a 503 status with its own code', async () => {
      const response = await app.http().get('/http/unavailable');
      expect(response.status).toBe(503);
      expect(expectContract(response)).toEqual([
        {
          message: 'The service is unavailable. Try again later.',
          error_code: '1503',
          field: null,
          details: { request_id: response.headers['x-request-id'] },
        },
      ]);
      expect(response.text).not.toContain('hunter2');
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['GET', '/nope'],
      ['DELETE', '/nope/ok'],
      ['POST', '/nope/domain?x=1'],
    ])('%s %s -> 404 naming method and path', async (method, path) => {
      const response = await app.http()[method.toLowerCase() as 'get'](path);
      expect(response.status).toBe(404);
      const bare = path.split('?')[0];
      expect(expectContract(response)).toEqual([
        {
          message: `No route matches ${method} ${bare}.`,
          error_code: '1001',
          field: null,
          details: { method, path: bare },
        },
      ]);
    });

    it('answers a path with a broken percent-encoding with 400', async () => {
      const response = await app.http().get('/items/%E0%A4%A');
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        { message: 'The request is malformed.', error_code: '1008', field: null, details: null },
      ]);
    });

    it.each([
      ['delete', '/ok'],
      ['post', '/domain/not-found?x=1'],
      ['options', '/domain/not-found'],
    ] as const)('%s %s (a known path, another method) -> 405 with Allow', async (method, path) => {
      const response = await app.http()[method](path);
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(expectContract(response)).toEqual([
        { message: 'The method is not allowed.', error_code: '1405', field: null, details: null },
      ]);
    });
  });

  describe('request bodies', () => {
    const post = (contentType: string, body: string) =>
      app.http().post('/echo').set('content-type', contentType).send(body);

    it('accepts a JSON body (the success path is untouched)', async () => {
      const response = await post('application/json', '{"a":1}');
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ received: { a: 1 } });
      expect(response.headers['x-request-id']).toBeDefined();
    });

    it('answers malformed JSON with 400', async () => {
      const response = await post('application/json', '{"a":');
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        { message: 'The request body is not valid JSON.', error_code: '1002', field: null, details: null },
      ]);
    });

    it.each(['text/xml', 'text/plain', 'application/x-www-form-urlencoded'])(
      'answers %s sent to a JSON route with 415',
      async (contentType) => {
        const response = await post(contentType, contentType === 'text/xml' ? '<a>1</a>' : 'a=1');
        expect(response.status).toBe(415);
        expect(expectContract(response)).toEqual([
          {
            message: 'The request body must be sent as application/json.',
            error_code: '1004',
            field: null,
            details: { supported: ['application/json'] },
          },
        ]);
      },
    );

    it('answers an empty body labelled JSON with 400', async () => {
      const response = await post('application/json', '');
      expect(response.status).toBe(400);
      expect(expectContract(response)).toEqual([
        {
          message: 'The request body is empty; send a JSON object.',
          error_code: '1007',
          field: null,
          details: null,
        },
      ]);
    });

    it('answers a non-UTF-8 charset with 415', async () => {
      const response = await post('application/json; charset=latin1', '{}');
      expect(response.status).toBe(415);
      expect(expectContract(response)).toEqual([
        {
          message: 'The request body must be encoded as UTF-8.',
          error_code: '1006',
          field: null,
          details: { charset: 'latin1' },
        },
      ]);
    });

    it('answers invalid UTF-8 bytes with 400', async () => {
      const invalid = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
      const response = await sendRaw(app, 'POST', '/echo', { 'content-type': 'application/json' }, invalid);
      expect(response.status).toBe(400);
      expect(response.headers['x-request-id']).toBeDefined();
      expect(response.body).toEqual([
        { message: 'The request body is not valid UTF-8.', error_code: '1005', field: null, details: null },
      ]);
    });

    it('answers a body over the limit with 413 and the limit', async () => {
      const response = await post('application/json', JSON.stringify({ a: 'x'.repeat(2_000_000) }));
      expect(response.status).toBe(413);
      expect(expectContract(response)).toEqual([
        {
          message: 'The request body is larger than the server accepts.',
          error_code: '1003',
          field: null,
          details: { limit_bytes: adapter === 'express' ? 102_400 : 1_048_576 },
        },
      ]);
    });
  });

  describe('thrown non-errors and unexpected errors', () => {
    it.each(['string', 'number', 'null', 'undefined', 'object', 'error'])(
      'a thrown %s -> 500 that says nothing about it, logged once',
      async (kind) => {
        const response = await app.http().get(`/throw/${kind}`);
        expect(response.status).toBe(500);
        const requestId = response.headers['x-request-id'];
        expect(expectContract(response)).toEqual(INTERNAL(requestId));
        expect(response.text).not.toMatch(/hunter2|23505|Key \(|TypeError|at /);
        expect(logger.errors).toHaveLength(1);
        expect(logger.errors[0]).toContain(`request_id=${requestId}`);
      },
    );

    it('logs the stack of an unexpected Error', async () => {
      await app.http().get('/throw/error');
      expect(logger.errors[0]).toContain('TypeError: Cannot read properties of undefined');
      expect(logger.errors[0]).toMatch(/\n\s+at /);
    });

    it('answers a minimal 500 in the contract when the filter itself fails', async () => {
      // The app translator throws for this value: the filter's own failure path answers.
      const response = await app.http().get('/throw/break');
      expect(response.status).toBe(500);
      expect(expectContract(response)).toEqual(INTERNAL(response.headers['x-request-id']));
      expect(logger.errors.join('\n')).toContain('translator bug');
    });

    it('survives an error after the headers were sent, and keeps serving', async () => {
      await expect(app.http().get('/mid-stream')).rejects.toThrow(/socket hang up|ECONNRESET|aborted/);
      const response = await app.http().get('/ok');
      expect(response.status).toBe(200);
    });
  });

  describe('request id', () => {
    it('echoes a sane X-Request-Id', async () => {
      const response = await app.http().get('/nope').set('X-Request-Id', 'client-id_1.2:3');
      expect(response.headers['x-request-id']).toBe('client-id_1.2:3');
    });

    it.each([['x'.repeat(129)], ['has space'], ['new\nline'.replace('\n', '%0A')], ['<script>']])(
      'replaces an insane one (%s) with a generated id',
      async (sent) => {
        const response = await app.http().get('/nope').set('X-Request-Id', sent);
        expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      },
    );

    it('is on successful responses too', async () => {
      const response = await app.http().get('/ok').set('X-Request-Id', 'abc');
      expect(response.headers['x-request-id']).toBe('abc');
    });
  });
});
