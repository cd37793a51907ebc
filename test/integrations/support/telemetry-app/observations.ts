/** A finished span as the telemetry app reports it to the test. */
export interface ObservedSpan {
  name: string;
  /** SpanKind: 0 internal, 1 server, 2 client. */
  kind: number;
  /** SpanStatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
  instrumentation: string;
}

export interface ObservedCounterPoint {
  attributes: Record<string, unknown>;
  value: number;
}

/** What the test asks the app process for, and what it answers. */
export type TelemetryRequest = { type: 'collect'; meter: string; counter: string };
export type TelemetryMessage =
  { type: 'listening'; port: number } | { type: 'collected'; spans: ObservedSpan[]; points: ObservedCounterPoint[] };
