import { NodeSDK } from '@opentelemetry/sdk-node';
import { appInstrumentations } from './instrumentations';

/**
 * Registers the OpenTelemetry SDK when `OTEL_TRACES_EXPORTER` is set (and not `none`),
 * configured by the standard environment variables: `console` prints each finished
 * span to stdout, `otlp` sends spans to `OTEL_EXPORTER_OTLP_ENDPOINT`;
 * `OTEL_METRICS_EXPORTER` likewise for metrics (the error counter among them).
 * Imported first by main.ts, before NestJS loads. Without the variable nothing is
 * loaded: the error contract's telemetry then finds no SDK and records nothing.
 */
export function registerTelemetry(env: NodeJS.ProcessEnv = process.env): NodeSDK | undefined {
  const exporter = env.OTEL_TRACES_EXPORTER;
  if (exporter === undefined || exporter === '' || exporter === 'none') return undefined;
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'nest-error-contract-sample',
    instrumentations: appInstrumentations(),
  });
  sdk.start();
  return sdk;
}

/** The registered SDK: main.ts shuts it down last, so the spans of the last requests are exported. */
export const telemetry = registerTelemetry();
