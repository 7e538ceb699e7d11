import {
  contextFromHeaders,
  inSpan,
  inSpans,
  isTracingEnabled,
  KAFKA_SYSTEM,
  MessagingAttributes,
  SpanKind,
  TraceHeaders,
  traceHeadersOf,
  WhdbAttributes,
  withTraceHeaders,
} from '@whdb/tracing';
import { RawOutgoingMessage } from './outgoing-message';

function publishAttributes(topics: readonly string[], count: number) {
  return {
    [MessagingAttributes.system]: KAFKA_SYSTEM,
    [MessagingAttributes.operationType]: 'send',
    [MessagingAttributes.operationName]: 'publish',
    [MessagingAttributes.destination]: topics.join(','),
    [MessagingAttributes.batchCount]: count,
  };
}

function spanName(topics: readonly string[]): string {
  return topics.length === 1 ? `publish ${topics[0]}` : 'publish';
}

/**
 * One PRODUCER span `publish <topic>` around a publish call, a child of the active context; `fn`
 * gets the `traceparent`/`tracestate` headers to add to every message (none while tracing is off),
 * so the consumers' spans join the same trace (docs/topics.md#headers-every-message).
 */
export function inPublishSpan(messages: readonly { readonly topic: string }[], fn: (traceHeaders: Readonly<Record<string, string>> | undefined) => Promise<void>): Promise<void> {
  if (!isTracingEnabled()) return fn(undefined);
  const topics = [...new Set(messages.map((message) => message.topic))];
  return inSpan(spanName(topics), { kind: SpanKind.PRODUCER, attributes: publishAttributes(topics, messages.length) }, () => fn(traceHeadersOf()));
}

/**
 * For messages recorded earlier with their trace context in their headers (the outbox,
 * docs/architecture.md#row-change-events): one PRODUCER span per message that has one, a child of
 * that stored context, whose own context replaces it in the headers that `fn` publishes. Messages
 * without trace headers, or any while tracing is off, pass through unchanged.
 */
export function continueTraces(messages: readonly RawOutgoingMessage[], fn: (messages: readonly RawOutgoingMessage[]) => Promise<void>): Promise<void> {
  if (!isTracingEnabled()) return fn(messages);
  const traced = messages.filter((message) => message.headers[TraceHeaders.traceparent] !== undefined);
  if (traced.length === 0) return fn(messages);
  return inSpans(
    spanName([...new Set(traced.map((message) => message.topic))]),
    traced.map((message) => contextFromHeaders(message.headers)),
    {
      kind: SpanKind.PRODUCER,
      attributes: (index) => ({ ...publishAttributes([traced[index]!.topic], 1), [WhdbAttributes.correlationId]: traced[index]!.headers['x-correlation-id'] ?? '' }),
    },
    (contexts) => {
      const contextOf = new Map(traced.map((message, index) => [message, contexts[index]!]));
      return fn(messages.map((message) => {
        const context = contextOf.get(message);
        return context === undefined ? message : { ...message, headers: withTraceHeaders(message.headers, context) };
      }));
    },
  );
}
