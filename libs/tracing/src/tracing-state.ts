import { isSpanContextValid, trace, Tracer } from '@opentelemetry/api';

/** The instrumentation scope of every span we make (docs/operations.md#tracing). */
export const TRACER_NAME = 'webhookdb-kafka';

let active: Tracer | undefined;

/**
 * Whether this process exports traces (`startTracing` ran and was not stopped). Every seam checks
 * it first: with tracing off no span, context or header is made, so the hot path pays one branch
 * (docs/performance.md#tracing).
 */
export function isTracingEnabled(): boolean {
  return active !== undefined;
}

/** The tracer of the running SDK; a no-op tracer while tracing is off. */
export function whdbTracer(): Tracer {
  return active ?? trace.getTracer(TRACER_NAME);
}

/** Called by `startTracing` / its stop only. */
export function setActiveTracer(tracer: Tracer | undefined): void {
  active = tracer;
}

/** The ids of the active span, for log lines (docs/operations.md#logs-and-traces); undefined while tracing is off or outside a span. */
export function activeTraceIds(): { readonly traceId: string; readonly spanId: string } | undefined {
  if (active === undefined) return undefined;
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
