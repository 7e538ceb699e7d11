// Public API of @whdb/tracing: OpenTelemetry at our seams (docs/operations.md#tracing). Libraries
// make spans through these helpers and the API package only; the SDK is loaded by `startTracing`.
export { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
export type { Attributes, Context, Span } from '@opentelemetry/api';
export { activeTraceIds, isTracingEnabled, whdbTracer, TRACER_NAME } from './tracing-state';
export { contextFromHeaders, traceHeadersOf, TraceHeaders, withTraceHeaders } from './trace-headers';
export type { HeaderCarrier } from './trace-headers';
export { inSpan, inSpans, markFailed } from './spans';
export type { SpanOptions } from './spans';
export { KAFKA_SYSTEM, MessagingAttributes, WhdbAttributes } from './attributes';
export { DEFAULT_OTLP_ENDPOINT, OTLP_PROTOCOLS, TRACES_EXPORTERS, tracingSettingsFrom } from './tracing-settings';
export type { OtlpProtocol, TraceExport, TracesExporterName, TracingEnvironment, TracingSettings } from './tracing-settings';
export { startTracing } from './start-tracing';
export type { TracingHandle } from './start-tracing';
