import { Context, context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * The W3C Trace Context headers (https://www.w3.org/TR/trace-context/) that carry a trace across
 * HTTP and Kafka (docs/topics.md#headers-every-message).
 */
export const TraceHeaders = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

const w3c = new W3CTraceContextPropagator();

/** Header values as Node's HTTP server or our Kafka consumer hand them over. */
export type HeaderCarrier = Readonly<Record<string, string | string[] | undefined>>;

/** `traceparent` (and `tracestate`) of the span in `ctx` (default: the active one); `{}` without a valid span. */
export function traceHeadersOf(ctx: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  if (trace.getSpanContext(ctx) === undefined) return headers;
  w3c.inject(ctx, headers, defaultTextMapSetter);
  return headers;
}

/**
 * The remote span context carried by `headers`, as a parent for the next span; the root context
 * when there is none or it is malformed (the propagator validates ids and flags).
 */
export function contextFromHeaders(headers: HeaderCarrier, base: Context = ROOT_CONTEXT): Context {
  if (headers[TraceHeaders.traceparent] === undefined) return base;
  return w3c.extract(base, headers, defaultTextMapGetter);
}

/** `headers` with the trace headers of `ctx` in place of any it had. */
export function withTraceHeaders(headers: Readonly<Record<string, string>>, ctx: Context): Record<string, string> {
  const { [TraceHeaders.traceparent]: _parent, [TraceHeaders.tracestate]: _state, ...rest } = headers;
  return { ...rest, ...traceHeadersOf(ctx) };
}
