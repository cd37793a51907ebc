import { FastifyOtelInstrumentation } from '@fastify/otel';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * The OpenTelemetry SDK as an app registers it (NodeSDK with the HTTP, Express,
 * Fastify and NestJS instrumentations), exporting to memory. Import this module first:
 * the SDK must be registered before the app's modules are loaded and its server
 * created, as an app's `--import`/`--require` preload does.
 */
const spanExporter = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
const metricReader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });

export const sdk = new NodeSDK({
  serviceName: 'error-contract-test',
  spanProcessors: [new SimpleSpanProcessor(spanExporter)],
  metricReaders: [metricReader],
  instrumentations: [
    new HttpInstrumentation(),
    new ExpressInstrumentation(),
    new NestInstrumentation(),
    // Fastify announces every new instance on a diagnostics channel: the instrumentation
    // registers its plugin there, with no patching of `require`.
    new FastifyOtelInstrumentation({ registerOnInitialization: true }),
  ],
});
sdk.start();

export interface ObservedSpan {
  name: string;
  kind: SpanKind;
  status: { code: SpanStatusCode; message?: string };
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
}

/** The finished spans so far, oldest first, in a form that compares with toEqual. */
export function finishedSpans(): ObservedSpan[] {
  return spanExporter.getFinishedSpans().map((span: ReadableSpan) => ({
    name: span.name,
    kind: span.kind,
    status: { ...span.status },
    attributes: { ...span.attributes },
    events: span.events.map((event) => ({ name: event.name, attributes: { ...event.attributes } })),
  }));
}

/** The HTTP server span of the request to `path` (its `url.path`). */
export function serverSpanOf(path: string): ObservedSpan {
  const spans = finishedSpans().filter((span) => span.kind === SpanKind.SERVER && span.attributes['url.path'] === path);
  if (spans.length !== 1) {
    throw new Error(`expected one server span for ${path}, found ${spans.length}: ${JSON.stringify(finishedSpans())}`);
  }
  return spans[0];
}

export function resetSpans(): void {
  spanExporter.reset();
}

export interface CounterPoint {
  attributes: Record<string, unknown>;
  value: number;
}

/** The data points of one counter since the last call (delta temporality). */
export async function counterPoints(meterName: string, counterName: string): Promise<CounterPoint[]> {
  await metricReader.forceFlush();
  const points: CounterPoint[] = [];
  for (const resourceMetrics of metricExporter.getMetrics()) {
    for (const scope of resourceMetrics.scopeMetrics) {
      if (scope.scope.name !== meterName) continue;
      for (const metric of scope.metrics) {
        if (metric.descriptor.name !== counterName || metric.dataPointType !== DataPointType.SUM) continue;
        for (const point of metric.dataPoints) {
          points.push({ attributes: { ...point.attributes }, value: point.value as number });
        }
      }
    }
  }
  metricExporter.reset();
  return points;
}
