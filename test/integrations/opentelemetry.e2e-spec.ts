// The SDK first: it must be registered before the app's modules load (see the module).
import { counterPoints, resetSpans, serverSpanOf, sdk } from './support/opentelemetry-sdk';
import { SpanStatusCode } from '@opentelemetry/api';
import { Body, Controller, Get, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ErrorsModule, createValidationPipe } from 'nest-error-contract';
import { ADAPTERS, TestApp, createTestApp, expectContract } from '../support/test-app';

class ThingDto {
  @IsString()
  name!: string;
}

@Controller()
class ThingsController {
  @Post('things')
  create(@Body() dto: ThingDto): ThingDto {
    return dto;
  }

  @Get('things/:id/price')
  price(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'amount')");
  }
}

const METER = 'nest-error-contract';
const COUNTER = 'error_contract.errors';
const UNSET = SpanStatusCode.UNSET;

afterAll(async () => {
  await sdk.shutdown();
});

describe.each(ADAPTERS)('OpenTelemetry, with the SDK and the HTTP/%s instrumentations registered', (adapter) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(
      adapter,
      { imports: [ErrorsModule.forRoot({ database: false })], controllers: [ThingsController] },
      {
        configure: (nest) => {
          nest.setGlobalPrefix('api');
          nest.useGlobalPipes(createValidationPipe());
        },
      },
    );
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    resetSpans();
    await counterPoints(METER, COUNTER);
  });

  it('a validation failure sets error.type on the server span and leaves its status unset', async () => {
    const response = await app.http().post('/api/things').send({ name: 42 }).expect(400);
    expect(expectContract(response).map((error) => error.error_code)).toEqual(['2024']);
    const span = serverSpanOf('/api/things');
    expect(span.status).toEqual({ code: UNSET });
    expect(span.attributes).toMatchObject({
      'error.type': '2024',
      'http.response.status_code': 400,
      'error_contract.codes': ['2024'],
    });
    expect(span.events).toEqual([]);
    expect(await counterPoints(METER, COUNTER)).toEqual([
      {
        attributes: { 'error.type': '2024', 'http.response.status_code': 400, 'http.route': '/api/things' },
        value: 1,
      },
    ]);
  });

  it('lists every code of an answer with several errors', async () => {
    await app.http().post('/api/things').send({ name: 42, extra: true }).expect(400);
    const codes = serverSpanOf('/api/things').attributes['error_contract.codes'];
    expect(codes).toEqual(expect.arrayContaining(['2024']));
    expect(serverSpanOf('/api/things').attributes['error.type']).toBe((codes as string[])[0]);
  });

  it('a TypeError sets the server span status to ERROR with one exception event carrying the stack', async () => {
    await app.http().get('/api/things/7/price').expect(500);
    const span = serverSpanOf('/api/things/7/price');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: '5000' });
    expect(span.attributes).toMatchObject({
      'error.type': '5000',
      'http.response.status_code': 500,
      'error_contract.codes': ['5000'],
    });
    expect(span.events).toEqual([
      {
        name: 'exception',
        attributes: {
          'exception.type': 'TypeError',
          'exception.message': "Cannot read properties of undefined (reading 'amount')",
          'exception.stacktrace': expect.stringMatching(
            /^TypeError: Cannot read properties of undefined \(reading 'amount'\)\n\s+at ThingsController\.price/u,
          ),
        },
      },
    ]);
    expect(await counterPoints(METER, COUNTER)).toEqual([
      {
        attributes: { 'error.type': '5000', 'http.response.status_code': 500, 'http.route': '/api/things/:id/price' },
        value: 1,
      },
    ]);
  });

  it('an unknown route (answered before any handler) is recorded without a route', async () => {
    await app.http().get('/api/nowhere?token=secret').expect(404);
    const span = serverSpanOf('/api/nowhere');
    expect(span.status).toEqual({ code: UNSET });
    expect(span.attributes).toMatchObject({ 'error.type': '1001', 'http.response.status_code': 404 });
    expect(await counterPoints(METER, COUNTER)).toEqual([
      { attributes: { 'error.type': '1001', 'http.response.status_code': 404 }, value: 1 },
    ]);
  });

  it('a malformed JSON body (refused by the body parser) sets error.type MALFORMED_JSON', async () => {
    await app.http().post('/api/things').set('content-type', 'application/json').send('{"name":').expect(400);
    const span = serverSpanOf('/api/things');
    expect(span.status).toEqual({ code: UNSET });
    expect(span.attributes).toMatchObject({ 'error.type': '1002', 'http.response.status_code': 400 });
    // Express parses bodies before routing; Fastify routes first, so it knows the route.
    const route = adapter === 'fastify' ? { 'http.route': '/api/things' } : {};
    expect(await counterPoints(METER, COUNTER)).toEqual([
      { attributes: { 'error.type': '1002', 'http.response.status_code': 400, ...route }, value: 1 },
    ]);
  });
});
