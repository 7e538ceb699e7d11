import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/** The OTLP/HTTP encodings we export (`OTEL_EXPORTER_OTLP_PROTOCOL`); gRPC is not supported. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** `OTEL_TRACES_EXPORTER` values we know; `none` (and leaving everything unset) keeps tracing off. */
export const TRACES_EXPORTERS = ['otlp', 'console', 'none'] as const;
export type TracesExporterName = (typeof TRACES_EXPORTERS)[number];

/** Where spans go once tracing is on. */
export type TraceExport =
  | { readonly kind: 'otlp'; readonly url: string; readonly protocol: OtlpProtocol }
  | { readonly kind: 'console' }
  /** Tests: every span handed to this exporter as soon as it ends (e.g. `InMemorySpanExporter`). */
  | { readonly kind: 'exporter'; readonly exporter: SpanExporter };

export interface TracingSettings {
  /** `service.name` of every span (`OTEL_SERVICE_NAME`, else the service's own name). */
  readonly serviceName: string;
  readonly export: TraceExport;
}

/** The standard variables as read by the config module (docs/configuration.md#tracing). */
export interface TracingEnvironment {
  readonly OTEL_SDK_DISABLED?: boolean;
  readonly OTEL_TRACES_EXPORTER?: TracesExporterName;
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  readonly OTEL_EXPORTER_OTLP_PROTOCOL?: OtlpProtocol;
  readonly OTEL_SERVICE_NAME?: string;
}

/** The OTLP/HTTP default when `OTEL_TRACES_EXPORTER=otlp` names no endpoint (the OpenTelemetry specification's). */
export const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/**
 * Tracing is off unless configured: on with `OTEL_TRACES_EXPORTER=otlp|console`, or with an OTLP
 * endpoint and no exporter named; off with `OTEL_TRACES_EXPORTER=none`, `OTEL_SDK_DISABLED=true`
 * or nothing set. The traces URL is `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, else
 * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces` (the specification's rule).
 */
export function tracingSettingsFrom(env: TracingEnvironment, defaultServiceName: string): TracingSettings | null {
  if (env.OTEL_SDK_DISABLED === true || env.OTEL_TRACES_EXPORTER === 'none') return null;
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || defaultServiceName;
  if (env.OTEL_TRACES_EXPORTER === 'console') return { serviceName, export: { kind: 'console' } };
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_TRACES_EXPORTER === undefined && endpoint === undefined && tracesEndpoint === undefined) return null;
  const url = tracesEndpoint ?? `${(endpoint ?? DEFAULT_OTLP_ENDPOINT).replace(/\/+$/, '')}/v1/traces`;
  return { serviceName, export: { kind: 'otlp', url, protocol: env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf' } };
}
