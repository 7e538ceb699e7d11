import { Attributes, Context, context, INVALID_SPAN_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { isTracingEnabled, whdbTracer } from './tracing-state';

export interface SpanOptions {
  /** Default INTERNAL. */
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** The parent; default the active context. */
  readonly parent?: Context;
}

/** What `inSpan` hands to its callback while tracing is off: records nothing. */
const NOOP_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Runs `fn` inside a new span, active for everything `fn` awaits, and ends it with `fn`'s outcome
 * (a rejection marks it failed and is rethrown). While tracing is off it only calls `fn`.
 */
export async function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T> | T): Promise<T> {
  if (!isTracingEnabled()) return fn(NOOP_SPAN);
  const parent = options.parent ?? context.active();
  const span = whdbTracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * One span per parent for work done once for many traces (a batch of Kafka messages, one upsert
 * transaction): each webhook's trace gets its own span of the shared work, so every trace stays
 * whole. `fn` receives the span contexts in the parents' order, and runs with the first one
 * active. While tracing is off it only calls `fn` with the parents.
 */
export async function inSpans<T>(
  name: string,
  parents: readonly Context[],
  options: Omit<SpanOptions, 'parent' | 'attributes'> & { readonly attributes?: (index: number) => Attributes },
  fn: (contexts: readonly Context[]) => Promise<T> | T,
): Promise<T> {
  if (!isTracingEnabled() || parents.length === 0) return fn(parents);
  const tracer = whdbTracer();
  const kind = options.kind ?? SpanKind.INTERNAL;
  const spans = parents.map((parent, index) => tracer.startSpan(name, { kind, attributes: options.attributes?.(index) }, parent));
  const contexts = spans.map((span, index) => trace.setSpan(parents[index]!, span));
  try {
    return await context.with(contexts[0]!, () => fn(contexts));
  } catch (error) {
    for (const span of spans) markFailed(span, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

/** Marks a span failed with the error's `code` (our `AppError`) or name as `error.type`; no message or stack is recorded (they may carry payload). */
export function markFailed(span: Span, error: unknown): void {
  const code = typeof error === 'object' && error !== null ? ((error as { code?: unknown }).code ?? (error as { name?: unknown }).name) : undefined;
  const type = typeof code === 'string' && code !== '' ? code : 'error';
  span.setAttribute(ATTR_ERROR_TYPE, type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}
