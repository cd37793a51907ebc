/**
 * The part of `@opentelemetry/api` the library uses, written out so that the package
 * neither depends on it nor needs its types: it is an optional peer, loaded with
 * `import()` when the app has it (see loadErrorTelemetry).
 */
export interface OpenTelemetryApi {
  readonly context: { active(): { getValue(key: symbol): unknown } };
  readonly trace: { getActiveSpan(): TelemetrySpan | undefined };
  readonly metrics: { getMeterProvider(): MeterProviderLike };
  readonly SpanStatusCode: { readonly ERROR: number };
  /** The context that holds nothing: the active one while no context manager is registered. */
  readonly ROOT_CONTEXT?: unknown;
  /** The meter every provider gives before an SDK registers one (the API's no-op singleton). */
  readonly createNoopMeter?: () => unknown;
}

export type AttributeValue = string | number | boolean | string[];
export type Attributes = Record<string, AttributeValue>;

export interface TelemetrySpan {
  isRecording(): boolean;
  setAttributes(attributes: Attributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: unknown): void;
}

export interface MeterProviderLike {
  getMeter(
    name: string,
    version?: string,
  ): {
    createCounter(name: string, options: { description: string; unit: string }): CounterLike;
  };
}

export interface CounterLike {
  add(value: number, attributes: Attributes): void;
}
