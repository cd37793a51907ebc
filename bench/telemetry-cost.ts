import { SpanKind, context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { AnsweredError } from '../libs/errors/src/integrations/answered-error';
// The built library (its sources import with `.js` suffixes, for NodeNext); the class is private.
import { loadErrorTelemetry } from '../libs/errors/dist/integrations/opentelemetry/error-telemetry.js';

/**
 * `node -r @swc-node/register bench/telemetry-cost.ts`: the CPU the error contract's
 * OpenTelemetry recording adds per error answer (ErrorTelemetry.record), with
 * `@opentelemetry/api` installed and no SDK registered ("off"), then with an SDK
 * registered (tracer and meter providers, a recording server span in the context as
 * the HTTP instrumentation puts it). Each figure is the median of 15 rounds of the
 * process CPU time per call, less the same loop without the call.
 */
const CALLS = 20_000;
const ROUNDS = 15;
const RPC_METADATA_KEY = Symbol.for('OpenTelemetry SDK Context Key RPC_METADATA');

const answers: Record<string, AnsweredError> = {
  '400 (one validation error)': {
    status: 400,
    codes: ['2024'],
    requestId: 'bench',
    route: '/api/v0/users',
    error: undefined,
  },
  '500 (TypeError, exception event)': {
    status: 500,
    codes: ['5000'],
    requestId: 'bench',
    route: '/api/v0/users/:id',
    error: new TypeError("Cannot read properties of undefined (reading 'amount')"),
  },
};

class ManualReader extends MetricReader {
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

async function measure(label: string): Promise<void> {
  const telemetry = (await loadErrorTelemetry()) as { record(answer: AnsweredError): void } | undefined;
  if (!telemetry) throw new Error('@opentelemetry/api is not installed');
  const tracer = trace.getTracer('bench');
  for (const [name, answer] of Object.entries(answers)) {
    const perCall: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // A fresh server span per call, as per request; made outside the timed loops.
      const contexts = Array.from({ length: CALLS }, () => {
        const span = tracer.startSpan('GET', { kind: SpanKind.SERVER });
        return context.active().setValue(RPC_METADATA_KEY, { type: 'http', span });
      });
      const baseline = time(() => {
        for (const ctx of contexts) context.with(ctx, noop);
      });
      const recorded = time(() => {
        for (const ctx of contexts) context.with(ctx, () => telemetry.record(answer));
      });
      perCall.push(((recorded - baseline) / CALLS) * 1000);
    }
    perCall.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(4)} ${name.padEnd(34)} ${perCall[Math.floor(ROUNDS / 2)].toFixed(2).padStart(6)} us/error (rounds p25-p75 ${perCall[Math.floor(ROUNDS / 4)].toFixed(2)}-${perCall[Math.floor((3 * ROUNDS) / 4)].toFixed(2)})`,
    );
  }
}

/** CPU time of the process (user + system), ms: steadier than wall time on a shared machine. */
function time(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function noop(): void {}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${CALLS} calls x ${ROUNDS} rounds`);
  await measure('off');
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: new InMemorySpanExporter() })],
  });
  trace.setGlobalTracerProvider(provider);
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new ManualReader()] }));
  await measure('on');
}

void main();
