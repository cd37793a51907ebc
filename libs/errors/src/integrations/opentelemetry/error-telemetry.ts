import type { AnsweredError } from '../answered-error.js';
import { counterAttributes, spanAttributes } from './attributes.js';
import type { CounterLike, MeterProviderLike, OpenTelemetryApi, TelemetrySpan } from './opentelemetry-api.js';

/**
 * Where OpenTelemetry's HTTP instrumentation keeps the server span of the request (with
 * the route the framework instrumentations found). `createContextKey` is
 * `Symbol.for(description)`, so the key is reachable with the API alone.
 */
const RPC_METADATA_KEY = Symbol.for('OpenTelemetry SDK Context Key RPC_METADATA');

/** The counter of answered errors, one per error object of an answer. */
export const ERROR_COUNTER = 'error_contract.errors';
const METER_NAME = 'nest-error-contract';

/**
 * Records error answers on the active trace and in a counter, through the global
 * OpenTelemetry API: a no-op until an SDK registers providers.
 *
 * - The server span gets `error.type`, `http.response.status_code` and the list of codes.
 *   Its status becomes ERROR only for a 5xx, with one exception event carrying the stack;
 *   a 4xx leaves the status unset (OpenTelemetry's conventions for server spans: the
 *   client's mistake is not the server's error).
 * - `error_contract.errors` counts each error by code, status and route template.
 */
export class ErrorTelemetry {
  private provider: MeterProviderLike | undefined;
  /** Undefined while the registered provider is the API's no-op: nothing would count. */
  private counter: CounterLike | undefined;

  constructor(private readonly api: OpenTelemetryApi) {}

  /**
   * Whether anything would receive a record now: a meter provider an SDK registered, or
   * a recording span. With the API installed and no SDK (the common case of an app that
   * has the package through a dependency), the answer path then describes nothing.
   */
  get listening(): boolean {
    if (this.errorCounter() !== undefined) return true;
    // Without a context manager (or outside every span) the active context is the root
    // one, which holds no span: one comparison instead of two lookups.
    if (this.api.ROOT_CONTEXT !== undefined && this.api.context.active() === this.api.ROOT_CONTEXT) return false;
    return this.serverSpan()?.isRecording() === true;
  }

  record(answer: AnsweredError): void {
    const span = this.serverSpan();
    if (span?.isRecording()) {
      span.setAttributes(spanAttributes(answer));
      // The route template, as the framework instrumentations set it; not every one does
      // (Express's is not applied when NestJS 12 loads Express as an ES module).
      if (answer.route !== undefined) span.setAttributes({ 'http.route': answer.route });
      if (answer.status >= 500) {
        span.recordException(answer.error instanceof Error ? answer.error : String(answer.error));
        span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: answer.codes.join(',') });
      }
    }
    const counter = this.errorCounter();
    if (counter === undefined) return;
    for (const code of answer.codes) counter.add(1, counterAttributes(code, answer));
  }

  /**
   * The HTTP server span, where the instrumentation put it; else the active span (an
   * app that creates its server spans otherwise). The active span at this point is
   * often a framework span that has already ended.
   */
  private serverSpan(): TelemetrySpan | undefined {
    const metadata = this.api.context.active().getValue(RPC_METADATA_KEY) as { span?: TelemetrySpan } | undefined;
    return metadata?.span ?? this.api.trace.getActiveSpan();
  }

  /**
   * The counter of the meter provider registered now. Metrics have no proxy provider as
   * traces do: a counter made before the SDK registered would stay a no-op, so it is
   * made again when the registered provider changes (one comparison per answer). None
   * while the provider is the API's no-op one.
   */
  private errorCounter(): CounterLike | undefined {
    const provider = this.api.metrics.getMeterProvider();
    if (provider !== this.provider) {
      this.provider = provider;
      const meter = provider.getMeter(METER_NAME);
      this.counter =
        meter === this.api.createNoopMeter?.()
          ? undefined
          : meter.createCounter(ERROR_COUNTER, {
              description: 'Errors answered in the error contract, by error code (error.type), status and route.',
              unit: '{error}',
            });
    }
    return this.counter;
  }
}

/**
 * The telemetry recorder when the app has `@opentelemetry/api` (an optional peer),
 * otherwise undefined: nothing is loaded and nothing runs per answer.
 */
export async function loadErrorTelemetry(): Promise<ErrorTelemetry | undefined> {
  let api: OpenTelemetryApi;
  try {
    api = (await import('@opentelemetry/api')) as unknown as OpenTelemetryApi;
  } catch {
    return undefined;
  }
  return new ErrorTelemetry(api);
}
