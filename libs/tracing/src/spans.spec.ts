import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { inSpan, inSpans } from './spans';
import { startTracing, TracingHandle } from './start-tracing';
import { contextFromHeaders, traceHeadersOf } from './trace-headers';
import { activeTraceIds, isTracingEnabled } from './tracing-state';

describe('spans and trace headers (docs/operations.md#tracing)', () => {
  // A stopped SDK shuts its exporter down: each test gets a new one.
  let exporter: InMemorySpanExporter;
  let tracing: TracingHandle | undefined;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
  });
  afterEach(async () => {
    await tracing?.shutdown();
    tracing = undefined;
  });

  it('does nothing while tracing is off: no span, no headers, no ids', async () => {
    expect(isTracingEnabled()).toBe(false);
    const result = await inSpan('off', {}, (span) => {
      expect(span.isRecording()).toBe(false);
      expect(traceHeadersOf()).toEqual({});
      expect(activeTraceIds()).toBeUndefined();
      return 42;
    });
    expect(result).toBe(42);
  });

  it('carries a span through traceparent into a child in the same trace, and marks a failure by its code', async () => {
    tracing = await startTracing({ serviceName: 'spec', export: { kind: 'exporter', exporter } });
    let headers: Record<string, string> = {};
    await inSpan('producer', {}, (span) => {
      headers = traceHeadersOf();
      expect(headers['traceparent']).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      expect(activeTraceIds()).toEqual({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
    });
    await expect(inSpan('consumer', { parent: contextFromHeaders(headers) }, () => Promise.reject(Object.assign(new Error('down'), { code: 'upstream_unavailable' })))).rejects.toThrow('down');
    const [producer, consumer] = exporter.getFinishedSpans();
    expect(consumer!.spanContext().traceId).toBe(producer!.spanContext().traceId);
    expect(consumer!.parentSpanContext?.spanId).toBe(producer!.spanContext().spanId);
    expect(consumer!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'upstream_unavailable' });
    expect(consumer!.attributes['error.type']).toBe('upstream_unavailable');
  });

  it('gives shared work one span per parent trace, with the first active', async () => {
    tracing = await startTracing({ serviceName: 'spec', export: { kind: 'exporter', exporter } });
    const parents = ['a', 'b'].map(() => {
      const root = trace.getTracer('spec').startSpan('root');
      root.end();
      return trace.setSpan(contextFromHeaders({}), root);
    });
    await inSpans('shared', parents, {}, (contexts) => {
      expect(contexts).toHaveLength(2);
      expect(activeTraceIds()?.spanId).toBe(trace.getSpanContext(contexts[0]!)?.spanId);
    });
    const shared = exporter.getFinishedSpans().filter((span) => span.name === 'shared');
    expect(shared.map((span) => span.spanContext().traceId)).toEqual(parents.map((parent) => trace.getSpanContext(parent)!.traceId));
  });

  it('ignores a malformed traceparent', () => {
    expect(trace.getSpanContext(contextFromHeaders({ traceparent: '00-not-a-trace-01' }))).toBeUndefined();
  });
});
