import { OTLP_PROTOCOLS, TRACES_EXPORTERS, TracingEnvironment, TracingSettings, tracingSettingsFrom } from '@whdb/tracing';
import { bool, oneOf, str, url } from './config-fields';
import { defineConfig } from './load-config';

/**
 * The standard OpenTelemetry variables every service reads (docs/configuration.md#tracing).
 * Tracing is off unless they ask for it; the SDK itself also reads `OTEL_EXPORTER_OTLP_HEADERS`,
 * `OTEL_EXPORTER_OTLP_TIMEOUT`, `OTEL_TRACES_SAMPLER[_ARG]` and `OTEL_BSP_*`.
 */
export const tracingConfigSchema = defineConfig({
  OTEL_SDK_DISABLED: bool({ default: false }),
  OTEL_TRACES_EXPORTER: oneOf(TRACES_EXPORTERS, { optional: true }),
  OTEL_EXPORTER_OTLP_ENDPOINT: url({ optional: true }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url({ optional: true }),
  OTEL_EXPORTER_OTLP_PROTOCOL: oneOf(OTLP_PROTOCOLS, { default: 'http/protobuf' }),
  OTEL_SERVICE_NAME: str({ optional: true }),
});

/** Tracing settings from a loaded config (any object with the variables above), or null when tracing is off. */
export function tracingSettingsOf(config: object, serviceName: string): TracingSettings | null {
  return tracingSettingsFrom(config as TracingEnvironment, serviceName);
}
