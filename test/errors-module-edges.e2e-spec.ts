import { Body, Controller, Get, HttpException, LoggerService, Module, Post } from '@nestjs/common';
import { connect } from 'node:net';
import { IsString } from 'class-validator';
import {
  DomainError,
  ErrorCodeRegistry,
  ErrorRuntime,
  ErrorsModule,
  createValidationPipe,
  defineErrorCode,
} from 'nest-error-contract';
import { ADAPTERS, TestApp, createTestApp, expectContract } from './support/test-app';

const UPSTREAM_DOWN = defineErrorCode('6901', 'UPSTREAM_DOWN', 502, 'The payment service is down.');

class RecordingLogger implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  error(message: unknown): void {
    this.errors.push(String(message));
  }
}
const logger = new RecordingLogger();

class ThingDto {
  @IsString()
  name!: string;
}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body(createValidationPipe()) body: ThingDto) {
    return body;
  }

  @Get('redirect-exception')
  redirect() {
    throw new HttpException('Moved', 302);
  }

  @Get('uri-error')
  uriError() {
    // App code decoding something itself: its bug, not the client's.
    return decodeURIComponent('%E0%A4%A');
  }

  @Get('upstream')
  upstream() {
    throw new DomainError(UPSTREAM_DOWN);
  }
}

@Module({
  imports: [ErrorsModule.forRoot({ codes: [UPSTREAM_DOWN], database: false, logger })],
  controllers: [ThingsController],
})
class EdgeModule {}

/** Sends raw bytes on a socket and returns what the server wrote back. */
function rawExchange(app: TestApp, request: string): Promise<string> {
  const { port } = app.app.getHttpServer().address() as { port: number };
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe.each(ADAPTERS)('edges on %s, under a global prefix', (adapter) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(adapter, { imports: [EdgeModule] }, { configure: (nest) => nest.setGlobalPrefix('api') });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    logger.errors.length = 0;
  });

  it.each(['/api/nope', '/nope', '/api/things/1/deeper'])('GET %s -> 404 route not found', async (path) => {
    const response = await app.http().get(`${path}?token=secret`);
    expect(response.status).toBe(404);
    expect(expectContract(response)).toEqual([
      { message: `No route matches GET ${path}.`, error_code: '1001', field: null, details: { method: 'GET', path } },
    ]);
  });

  it('refuses a code registered after start-up, naming it and saying where codes are registered', () => {
    const late = defineErrorCode('6902', 'REGISTERED_LATE', 400, 'Too late.');
    expect(() => app.app.get(ErrorCodeRegistry).register([late], 'application')).toThrow(
      /^Error code 6902 \(REGISTERED_LATE\) cannot be registered after the app has started: register codes through ErrorsModule\.forRoot\(\{ codes \}\)/,
    );
    expect(app.app.get(ErrorRuntime).registry.get('6902')).toBeUndefined();
  });

  it('answers a malformed Content-Length in the contract', async () => {
    const raw = await rawExchange(app, 'POST /api/things HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toMatch(/content-type: application\/json; charset=utf-8/i);
    expect(raw).toMatch(/x-request-id: [0-9a-f-]{36}/i);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual([
      { message: 'The request is malformed.', error_code: '1008', field: null, details: null },
    ]);
  });

  it('answers headers over the limit with 431 in the contract', async () => {
    const raw = await rawExchange(app, `GET /api/things HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual([
      { message: 'The request headers are too large.', error_code: '1431', field: null, details: null },
    ]);
  });

  it.each(['null', '"text"', '12'])(
    'answers the JSON body %s (not an object) with 2001 on both adapters',
    async (body) => {
      const response = await app.http().post('/api/things').set('content-type', 'application/json').send(body);
      expect(response.status).toBe(400);
      expect(expectContract(response)[0].error_code).toBe('2001');
    },
  );

  it('never sends an error body with a success status (HttpException 302 -> 500, logged)', async () => {
    const response = await app.http().get('/api/things/redirect-exception');
    expect(response.status).toBe(500);
    expect(expectContract(response)[0].error_code).toBe('5000');
    expect(logger.errors).toHaveLength(1);
  });

  it("treats a URIError from the app's own code as a 500, not the client's bad request", async () => {
    const response = await app.http().get('/api/things/uri-error');
    expect(response.status).toBe(500);
    expect(logger.errors[0]).toContain('URIError');
  });

  it('logs a 5xx domain error with its stack, and the path without the query string', async () => {
    const response = await app.http().get('/api/things/upstream?token=secret');
    expect(response.status).toBe(502);
    expect(expectContract(response)).toEqual([
      { message: 'The payment service is down.', error_code: '6901', field: null, details: null },
    ]);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]).toMatch(/GET \/api\/things\/upstream request_id=/);
    expect(logger.errors[0]).not.toContain('secret');
    expect(logger.errors[0]).toMatch(/\n\s+at /);
  });
});
