import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { inSpan, startTracing } from '@whdb/tracing';
import { createLogger } from './json-logger';

/** Log lines and traces join on the ids of the active span (docs/operations.md#logs-and-traces). */
describe('createLogger with tracing', () => {
  it('writes trace_id and span_id of the active span while tracing is on, and nothing outside a span or while it is off', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('projector', { stream: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } });
    await inSpan('off', {}, () => logger.info('tracing off'));
    const tracing = await startTracing({ serviceName: 'spec', export: { kind: 'exporter', exporter: new InMemorySpanExporter() } });
    try {
      let ids = { traceId: '', spanId: '' };
      await inSpan('upsert', {}, (span) => {
        ids = span.spanContext();
        logger.info('inside a span', { trace_id: 'a field of the same name' });
      });
      logger.info('outside any span');
      expect(lines.map(({ msg, trace_id, span_id, field_trace_id }) => ({ msg, trace_id, span_id, field_trace_id }))).toEqual([
        { msg: 'tracing off', trace_id: undefined, span_id: undefined, field_trace_id: undefined },
        { msg: 'inside a span', trace_id: ids.traceId, span_id: ids.spanId, field_trace_id: 'a field of the same name' },
        { msg: 'outside any span', trace_id: undefined, span_id: undefined, field_trace_id: undefined },
      ]);
    } finally {
      await tracing.shutdown();
    }
  });
});
