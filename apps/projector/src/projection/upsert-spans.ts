import { ATTR_DB_COLLECTION_NAME, ATTR_DB_OPERATION_NAME, ATTR_DB_SYSTEM_NAME } from '@opentelemetry/semantic-conventions';
import { ProjectionWrite } from '@whdb/core';
import { ConsumedMessage, traceContextOf } from '@whdb/kafka';
import { Context, inSpans, isTracingEnabled, SpanKind, traceHeadersOf, WhdbAttributes } from '@whdb/tracing';

/** What the upsert of a batch needs from its spans: the trace headers to store with each event's row changes. */
export type TraceHeadersOf = (correlationId: string) => Readonly<Record<string, string>> | undefined;

/**
 * Runs a batch's projection transaction in one CLIENT span `upsert <service_name>` per event
 * (docs/operations.md#tracing): each webhook's trace shows the transaction that wrote its rows,
 * and its row-change events carry that span's context into the outbox. While tracing is off,
 * `fn` gets no headers and nothing else happens.
 */
export function inUpsertSpans<T>(serviceName: string, messages: readonly ConsumedMessage[], writes: readonly ProjectionWrite[], fn: (traceHeadersOf: TraceHeadersOf | undefined) => Promise<T>): Promise<T> {
  if (!isTracingEnabled()) return fn(undefined);
  const tables = [...new Set(writes.map((write) => `${write.target.schema}.${write.target.table}`))].join(',');
  return inSpans(
    `upsert ${serviceName}`,
    messages.map(traceContextOf),
    {
      kind: SpanKind.CLIENT,
      attributes: (index) => ({
        [ATTR_DB_SYSTEM_NAME]: 'postgresql',
        [ATTR_DB_OPERATION_NAME]: 'upsert',
        [ATTR_DB_COLLECTION_NAME]: tables,
        [WhdbAttributes.serviceName]: serviceName,
        [WhdbAttributes.correlationId]: messages[index]!.metadata.correlationId ?? '',
      }),
    },
    (contexts) => fn(byCorrelationId(messages, contexts)),
  );
}

function byCorrelationId(messages: readonly ConsumedMessage[], contexts: readonly Context[]): TraceHeadersOf {
  const headers = new Map<string, Readonly<Record<string, string>>>();
  messages.forEach((message, index) => {
    const correlationId = message.metadata.correlationId;
    if (correlationId !== undefined && !headers.has(correlationId)) headers.set(correlationId, traceHeadersOf(contexts[index]!));
  });
  return (correlationId) => headers.get(correlationId);
}
