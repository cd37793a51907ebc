import { ADAPTERS } from '../support/test-app';
import type { ObservedCounterPoint, ObservedSpan } from './support/telemetry-app/observations';
import { TelemetryApp, startTelemetryApp } from './support/telemetry-app/process';

// The real OpenTelemetry SDK (NodeSDK, in-memory exporters) with the HTTP, Express,
// Fastify and NestJS instrumentations, registered as the sample app registers them,
// in an app process of its own (support/telemetry-app): the instrumentations patch
// modules as Node's `require` loads them, which Jest's module registry bypasses.

const METER = 'nest-error-contract';
const COUNTER = 'error_contract.errors';
const SERVER = 1;
const UNSET = 0;
const ERROR = 2;

describe.each(ADAPTERS)('OpenTelemetry with the SDK and the HTTP/%s instrumentations registered', (adapter) => {
  let app: TelemetryApp;
  let observed: { spans: ObservedSpan[]; points: ObservedCounterPoint[] };

  beforeAll(async () => {
    app = await startTelemetryApp(adapter);
  });
  afterAll(() => app?.stop());

  /** Sends one request, then collects what it left: spans and counter points. */
  async function send(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
    await app.collect(METER, COUNTER); // what earlier requests left
    const response = await fetch(`${app.baseUrl}${path}`, init);
    const body: unknown = await response.json();
    // The server span ends when the response has been written; give the SDK a moment.
    await new Promise((done) => setTimeout(done, 50));
    observed = await app.collect(METER, COUNTER);
    return { status: response.status, body };
  }

  function serverSpan(path: string): ObservedSpan {
    const spans = observed.spans.filter((span) => span.kind === SERVER && span.attributes['url.path'] === path);
    if (spans.length !== 1)
      throw new Error(`${spans.length} server spans for ${path}:\n${JSON.stringify(observed.spans, null, 1)}`);
    return spans[0];
  }

  it('a validation failure sets error.type on the server span and leaves its status unset', async () => {
    const { status, body } = await send('/api/things', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 42, count: 1 }),
    });
    expect([status, (body as Array<{ error_code: string }>).map((error) => error.error_code)]).toEqual([400, ['2024']]);
    const span = serverSpan('/api/things');
    expect(span.status).toEqual({ code: UNSET });
    expect(span.attributes).toMatchObject({
      'error.type': '2024',
      'http.response.status_code': 400,
      'error_contract.codes': ['2024'],
      'http.route': '/api/things',
    });
    expect(span.events).toEqual([]);
    expect(observed.points).toEqual([
      {
        attributes: { 'error.type': '2024', 'http.response.status_code': 400, 'http.route': '/api/things' },
        value: 1,
      },
    ]);
  });

  it('lists every code of an answer with several errors, and counts each', async () => {
    const { status } = await send('/api/things', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 42, count: 'many' }),
    });
    expect(status).toBe(400);
    const span = serverSpan('/api/things');
    expect(span.attributes['error.type']).toBe('2024');
    expect(span.attributes['error_contract.codes']).toEqual(['2024', '2023']);
    const route = { 'http.response.status_code': 400, 'http.route': '/api/things' };
    expect(observed.points).toEqual(
      expect.arrayContaining([
        { attributes: { 'error.type': '2024', ...route }, value: 1 },
        { attributes: { 'error.type': '2023', ...route }, value: 1 },
      ]),
    );
    expect(observed.points).toHaveLength(2);
  });

  it('a TypeError sets the server span status to ERROR with one exception event carrying the stack', async () => {
    const { status } = await send('/api/things/7/price');
    expect(status).toBe(500);
    const span = serverSpan('/api/things/7/price');
    // The HTTP instrumentation sets ERROR too when the span ends (a 5xx server span).
    expect(span.status.code).toBe(ERROR);
    expect(span.attributes).toMatchObject({
      // When the span ends, the HTTP instrumentation sets error.type of a 5xx server span
      // to the status, as its conventions say; the code stays in error_contract.codes.
      'error.type': '500',
      'http.response.status_code': 500,
      'error_contract.codes': ['5000'],
      'http.route': '/api/things/:id/price',
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
    expect(observed.points).toEqual([
      {
        attributes: { 'error.type': '5000', 'http.response.status_code': 500, 'http.route': '/api/things/:id/price' },
        value: 1,
      },
    ]);
  });

  it('an unknown route (answered before any handler) is recorded without a route', async () => {
    const { status } = await send('/api/nowhere?token=secret');
    expect(status).toBe(404);
    const span = serverSpan('/api/nowhere');
    expect(span.status).toEqual({ code: UNSET });
    expect(span.attributes).toMatchObject({ 'error.type': '1001', 'http.response.status_code': 404 });
    expect(span.events).toEqual([]);
    expect(observed.points).toEqual([
      { attributes: { 'error.type': '1001', 'http.response.status_code': 404 }, value: 1 },
    ]);
  });

  it('a malformed JSON body (refused by the body parser) is recorded as MALFORMED_JSON', async () => {
    const { status } = await send('/api/things', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(status).toBe(400);
    const span = serverSpan('/api/things');
    expect(span.status).toEqual({ code: UNSET });
    expect(span.attributes).toMatchObject({ 'error.type': '1002', 'http.response.status_code': 400 });
    // Express parses bodies before routing; Fastify routes first, so it knows the route.
    const route = adapter === 'fastify' ? { 'http.route': '/api/things' } : {};
    expect(observed.points).toEqual([
      { attributes: { 'error.type': '1002', 'http.response.status_code': 400, ...route }, value: 1 },
    ]);
  });

  it('a path with broken percent-encoding (refused by the router) is recorded as MALFORMED_REQUEST', async () => {
    const { status, body } = await send('/api/things/%E0%A4%A');
    expect([status, (body as Array<{ error_code: string }>).map((error) => error.error_code)]).toEqual([400, ['1008']]);
    const span = serverSpan('/api/things/%E0%A4%A');
    expect(span.status).toEqual({ code: UNSET });
    expect(span.attributes).toMatchObject({ 'error.type': '1008', 'http.response.status_code': 400 });
    expect(observed.points).toEqual([
      { attributes: { 'error.type': '1008', 'http.response.status_code': 400 }, value: 1 },
    ]);
  });
});
