import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerTelemetry } from '../../src/telemetry/register';
import { ADAPTERS } from '../support/test-app';
import { AppProcess, startAppProcess } from '../support/processes/app-process';

// `npm start` with OTEL_TRACES_EXPORTER=console: the app registers the OpenTelemetry SDK
// and prints every finished span to stdout, the error contract's attributes included;
// on SIGTERM the metrics are exported too, the error counter among them.

/** PGlite boots a whole PostgreSQL in the app process: slow on a busy machine. */
const STARTUP_MS = 150_000;

describe('registerTelemetry', () => {
  it('registers nothing without OTEL_TRACES_EXPORTER, or with none', () => {
    expect(registerTelemetry({})).toBeUndefined();
    expect(registerTelemetry({ OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });
});

describe.each(ADAPTERS)('the sample app with OTEL_TRACES_EXPORTER=console (%s)', (adapter) => {
  let dataDir: string;
  let app: AppProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'telemetry-pglite-'));
    app = await startAppProcess(
      {
        PGLITE_DATA_DIR: dataDir,
        HTTP_ADAPTER: adapter,
        OTEL_TRACES_EXPORTER: 'console',
        OTEL_METRICS_EXPORTER: 'console',
      },
      `app/${adapter} with telemetry`,
    );
  }, STARTUP_MS);
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the server span of a validation failure with error.type and the codes, status unset', async () => {
    const response = await fetch(`${app.baseUrl}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'telemetry', email: 'not-an-email' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([
      { message: 'Email must be an email.', error_code: '2056', field: 'email', details: null },
    ]);
    const span = await printedSpan(app, "'url.path': '/api/v0/users'");
    expect(span).toContain("'error.type': '2056'");
    expect(span).toContain("'http.response.status_code': 400");
    expect(span).toContain("'error_contract.codes': [ '2056' ]");
    expect(span).toContain("'http.route': '/api/v0/users'");
    expect(span).toMatch(/status: \{ code: 0 \}/u);
  });

  it('exports the error counter by code and route when it stops', async () => {
    await fetch(`${app.baseUrl}/nowhere`);
    await app.stop();
    const output = app.output();
    const counter = output.slice(output.indexOf("name: 'error_contract.errors'"));
    expect(counter).toMatch(
      /'error\.type': '2056',\s+'http\.response\.status_code': 400,\s+'http\.route': '\/api\/v0\/users'/u,
    );
    expect(counter).toMatch(/'error\.type': '1001', 'http\.response\.status_code': 404 \}/u);
  });
});

describe.each(ADAPTERS)('the sample app with OTEL_TRACES_EXPORTER=otlp (%s)', (adapter) => {
  let dataDir: string;
  let collector: { server: Server; url: string; traces: unknown[] };
  let app: AppProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'telemetry-pglite-'));
    collector = await startCollector();
    app = await startAppProcess(
      {
        PGLITE_DATA_DIR: dataDir,
        HTTP_ADAPTER: adapter,
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      },
      `app/${adapter} with otlp`,
    );
  }, STARTUP_MS);
  afterAll(async () => {
    await app?.stop();
    await new Promise((done) => collector?.server.close(done));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends the server span of an unknown route to OTEL_EXPORTER_OTLP_ENDPOINT, with error.type', async () => {
    expect((await fetch(`${app.baseUrl}/nowhere`)).status).toBe(404);
    // The batch span processor exports at shutdown at the latest.
    await app.stop();
    const spans = collector.traces.flatMap((body) =>
      (body as OtlpTraces).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
    );
    const server = spans.filter(
      (span) => span.kind === 2 && attribute(span, 'url.path')?.stringValue === '/api/v0/nowhere',
    );
    expect(server).toHaveLength(1);
    expect(attribute(server[0], 'error.type')).toEqual({ stringValue: '1001' });
    expect(attribute(server[0], 'http.response.status_code')).toEqual({ intValue: 404 });
  });
});

interface OtlpSpan {
  /** OTLP's SpanKind: 2 is server. */
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: number | string } }>;
}
interface OtlpTraces {
  resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

function attribute(span: OtlpSpan, key: string): { stringValue?: string; intValue?: number | string } | undefined {
  const value = span.attributes.find((item) => item.key === key)?.value;
  // OTLP/JSON writes 64-bit integers as strings or numbers.
  if (value?.intValue !== undefined) return { intValue: Number(value.intValue) };
  return value;
}

/** An OTLP/HTTP collector of JSON traces: what the app sends to /v1/traces. */
async function startCollector(): Promise<{ server: Server; url: string; traces: unknown[] }> {
  const traces: unknown[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') traces.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, traces };
}

/** The console exporter's print of the server span (kind 1) whose attributes contain `marker`. */
async function printedSpan(app: AppProcess, marker: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const spans = app.output().split(/\n(?=\{\n {2}resource)/u);
    const span = spans.find((text) => text.includes(marker) && /\n {2}kind: 1,/u.test(text));
    if (span) return span;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no server span with ${marker} printed:\n${app.output()}`);
}
