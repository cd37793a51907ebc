import { loadErrorTelemetry } from './error-telemetry.js';

/** Injection token of the telemetry recorder, undefined when the app has no OpenTelemetry API (module-private). */
export const ERROR_TELEMETRY = Symbol('ERROR_TELEMETRY');

/** Loads `@opentelemetry/api` once, while the app starts; nothing per request when it is absent. */
export const errorTelemetryProvider = {
  provide: ERROR_TELEMETRY,
  useFactory: async () => (await loadErrorTelemetry()) ?? null,
};
