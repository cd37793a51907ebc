import { AnsweredError } from '../answered-error.js';
import { ERROR_COUNTER, ErrorTelemetry } from './error-telemetry.js';
import { Attributes, OpenTelemetryApi, TelemetrySpan } from './opentelemetry-api.js';

// The recorder against a hand-written API surface: what it calls, with what. The real
// SDK is exercised end to end in test/integrations/opentelemetry.e2e-spec.ts.

const RPC_METADATA_KEY = Symbol.for('OpenTelemetry SDK Context Key RPC_METADATA');

class RecordingSpan implements TelemetrySpan {
  attributes: Attributes = {};
  status: { code: number; message?: string } | undefined;
  exceptions: unknown[] = [];
  constructor(private readonly recording = true) {}
  isRecording(): boolean {
    return this.recording;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  setStatus(status: { code: number; message?: string }): this {
    this.status = status;
    return this;
  }
  recordException(exception: unknown): void {
    this.exceptions.push(exception);
  }
}

function fakeApi(serverSpan: TelemetrySpan | undefined, activeSpan?: TelemetrySpan) {
  const counted: Array<{ name: string; value: number; attributes: Attributes }> = [];
  let meters = 0;
  const provider = {
    getMeter: () => {
      meters += 1;
      return {
        createCounter: (name: string) => ({
          add: (value: number, attributes: Attributes) => counted.push({ name, value, attributes }),
        }),
      };
    },
  };
  const api: OpenTelemetryApi = {
    context: {
      active: () => ({
        getValue: (key: symbol) => (key === RPC_METADATA_KEY && serverSpan ? { span: serverSpan } : undefined),
      }),
    },
    trace: { getActiveSpan: () => activeSpan },
    metrics: { getMeterProvider: () => provider },
    SpanStatusCode: { ERROR: 2 },
  };
  return { api, counted, meters: () => meters };
}

const validation: AnsweredError = {
  status: 400,
  codes: ['2024', '2023'],
  requestId: 'r1',
  route: '/things',
  error: undefined,
};
const failure: AnsweredError = {
  status: 500,
  codes: ['5000'],
  requestId: 'r2',
  error: new TypeError('boom'),
};

describe('ErrorTelemetry', () => {
  it('sets the codes on the server span of a 4xx and leaves its status alone', () => {
    const span = new RecordingSpan();
    const { api, counted } = fakeApi(span);
    new ErrorTelemetry(api).record(validation);
    expect(span.attributes).toEqual({
      'error.type': '2024',
      'http.response.status_code': 400,
      'error_contract.codes': ['2024', '2023'],
      'http.route': '/things',
    });
    expect(span.status).toBeUndefined();
    expect(span.exceptions).toEqual([]);
    expect(counted).toEqual([
      {
        name: ERROR_COUNTER,
        value: 1,
        attributes: { 'error.type': '2024', 'http.response.status_code': 400, 'http.route': '/things' },
      },
      {
        name: ERROR_COUNTER,
        value: 1,
        attributes: { 'error.type': '2023', 'http.response.status_code': 400, 'http.route': '/things' },
      },
    ]);
  });

  it('marks a 5xx as an error with one exception; no route when none matched', () => {
    const span = new RecordingSpan();
    const { api, counted } = fakeApi(span);
    new ErrorTelemetry(api).record(failure);
    expect(span.status).toEqual({ code: 2, message: '5000' });
    expect(span.exceptions).toEqual([failure.error]);
    expect(counted.map((point) => point.attributes)).toEqual([
      { 'error.type': '5000', 'http.response.status_code': 500 },
    ]);
  });

  it('uses the active span without the HTTP instrumentation, and skips a span that is not recording', () => {
    const active = new RecordingSpan();
    new ErrorTelemetry(fakeApi(undefined, active).api).record(validation);
    expect(active.attributes['error.type']).toBe('2024');
    const unsampled = new RecordingSpan(false);
    new ErrorTelemetry(fakeApi(unsampled).api).record(failure);
    expect(unsampled.attributes).toEqual({});
    expect(unsampled.exceptions).toEqual([]);
  });

  it('makes its counter once per meter provider', () => {
    const { api, meters } = fakeApi(undefined);
    const telemetry = new ErrorTelemetry(api);
    telemetry.record(validation);
    telemetry.record(validation);
    expect(meters()).toBe(1);
  });

  it("listens only once an SDK registered a meter provider or a span records, and counts nothing on the API's no-op meter", () => {
    const noopMeter = {
      createCounter: () => ({
        add: () => {
          throw new Error('the no-op meter is never used');
        },
      }),
    };
    let provider: { getMeter: (name: string) => unknown } = { getMeter: () => noopMeter };
    const sdk = fakeApi(undefined);
    const api: OpenTelemetryApi = {
      ...sdk.api,
      metrics: { getMeterProvider: () => provider as ReturnType<OpenTelemetryApi['metrics']['getMeterProvider']> },
      createNoopMeter: () => noopMeter,
    };
    const telemetry = new ErrorTelemetry(api);
    expect(telemetry.listening).toBe(false);
    telemetry.record(validation);

    expect(new ErrorTelemetry({ ...api, trace: { getActiveSpan: () => new RecordingSpan() } }).listening).toBe(true);
    // The root context (no context manager, or outside every span) holds no span to look for.
    const root = api.context.active();
    expect(
      new ErrorTelemetry({
        ...api,
        context: { active: () => root },
        ROOT_CONTEXT: root,
        trace: { getActiveSpan: () => new RecordingSpan() },
      }).listening,
    ).toBe(false);

    provider = sdk.api.metrics.getMeterProvider();
    expect(telemetry.listening).toBe(true);
    telemetry.record(validation);
    expect(sdk.counted.map((entry) => entry.attributes['error.type'])).toEqual(['2024', '2023']);
  });
});
