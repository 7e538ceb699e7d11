import { Attributes, Context, contextFromHeaders, inSpan, inSpans, isTracingEnabled, KAFKA_SYSTEM, MessagingAttributes, Span, SpanKind, WhdbAttributes } from '@whdb/tracing';
import { ConsumedMessage } from './consumed-message';
import { MessageBatchHandler } from './batch-processor';

/** The `process` span of each message being handled (set by `tracedHandler` while tracing is on). */
const processContexts = new WeakMap<ConsumedMessage, Context>();

/**
 * The trace context of a consumed message for the work done on its behalf
 * (docs/operations.md#tracing): its `process` span while a handler runs, else the producer's
 * context from its `traceparent` header (the root context without one).
 */
export function traceContextOf(message: ConsumedMessage): Context {
  return processContexts.get(message) ?? contextFromHeaders(message.headers);
}

/**
 * Runs a handler's work for one message of its batch in a span of that message's trace, e.g. the
 * reconciler's decision or the sender's provider call. Only calls `fn` while tracing is off.
 */
export function inMessageSpan<T>(message: ConsumedMessage, name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  if (!isTracingEnabled()) return inSpan(name, {}, fn);
  return inSpan(name, { parent: traceContextOf(message), attributes: { ...attributes, [WhdbAttributes.correlationId]: message.metadata.correlationId ?? '' } }, fn);
}

/**
 * Wraps a consumer's handler so that each handler call makes one CONSUMER span `process <topic>`
 * per message, a child of the context its producer put in the `traceparent` header, ending with
 * the call (a retried chunk gets new spans). The handler runs with the first message's span
 * active; per-message work finds its own through `traceContextOf`.
 */
export function tracedHandler(groupId: string, handler: MessageBatchHandler): MessageBatchHandler {
  return async (messages) => {
    if (!isTracingEnabled() || messages.length === 0) return handler(messages);
    const topic = messages[0]!.topic;
    const parents = messages.map((message) => contextFromHeaders(message.headers));
    return inSpans(
      `process ${topic}`,
      parents,
      {
        kind: SpanKind.CONSUMER,
        attributes: (index) => {
          const message = messages[index]!;
          return {
            [MessagingAttributes.system]: KAFKA_SYSTEM,
            [MessagingAttributes.operationType]: 'process',
            [MessagingAttributes.operationName]: 'process',
            [MessagingAttributes.destination]: message.topic,
            [MessagingAttributes.partition]: String(message.partition),
            [MessagingAttributes.consumerGroup]: groupId,
            [MessagingAttributes.kafkaOffset]: Number(message.offset),
            [MessagingAttributes.batchCount]: messages.length,
            [MessagingAttributes.messageId]: message.metadata.id ?? '',
            [WhdbAttributes.correlationId]: message.metadata.correlationId ?? '',
            [WhdbAttributes.eventType]: message.metadata.type ?? '',
          };
        },
      },
      async (contexts) => {
        messages.forEach((message, index) => processContexts.set(message, contexts[index]!));
        try {
          await handler(messages);
        } finally {
          for (const message of messages) processContexts.delete(message);
        }
      },
    );
  };
}
