import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { appInstrumentations } from '../../../../src/telemetry/instrumentations';
import type { ObservedCounterPoint, ObservedSpan } from './observations';

/**
 * The OpenTelemetry SDK as the sample app registers it (NodeSDK, the app's
 * instrumentations), exporting to memory instead of stdout or a collector. Imported
 * first by main.ts, in a process of its own: the instrumentations patch `http` and
 * Express as Node's `require` loads them, which Jest's module registry bypasses.
 */
const spanExporter = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.DELTA);
const metricReader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });

export const sdk = new NodeSDK({
  serviceName: 'error-contract-telemetry-test',
  spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })],
  metricReaders: [metricReader],
  instrumentations: appInstrumentations(),
});
sdk.start();

/** The spans finished since the last call, oldest first, as plain data. */
export function takeSpans(): ObservedSpan[] {
  const spans = spanExporter.getFinishedSpans().map((span) => ({
    name: span.name,
    kind: span.kind,
    status: { ...span.status },
    attributes: { ...span.attributes },
    events: span.events.map((event) => ({ name: event.name, attributes: { ...event.attributes } })),
    instrumentation: span.instrumentationScope.name,
  }));
  spanExporter.reset();
  return spans;
}

/** The data points of one counter since the last call (delta temporality). */
export async function takeCounterPoints(meterName: string, counterName: string): Promise<ObservedCounterPoint[]> {
  await metricReader.forceFlush();
  const points: ObservedCounterPoint[] = [];
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
