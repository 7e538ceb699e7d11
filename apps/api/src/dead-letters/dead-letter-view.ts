import { ConsumedMessage, DeadLetterHeaders } from '@whdb/kafka';

/** One dead letter as the admin api shows it (docs/behaviour/dead-letters.md#api). */
export interface DeadLetterView {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** The `x-dlq-*` headers as Kafka holds them. */
  readonly dlq_headers: Record<string, string>;
  readonly error: string | null;
  readonly error_code: string | null;
  readonly original_topic: string | null;
  readonly original_partition: number | null;
  readonly original_offset: string | null;
  readonly failed_at: string | null;
  readonly event_type: string | null;
  readonly correlation_id: string | null;
  /** The value as UTF-8 text (an event: headers of deliveries are already redacted). */
  readonly value: string | null;
  /** When it was redriven, or null. */
  readonly redriven_at: string | null;
}

/** The idempotency key recording that a dead letter was redriven (docs/behaviour/dead-letters.md#redrive). */
export function redriveKey(message: { topic: string; partition: number; offset: string }): string {
  return `dlq.redrive:${message.topic}:${message.partition}:${message.offset}`;
}

export function toDeadLetterView(message: ConsumedMessage, redrivenAt: Date | undefined): DeadLetterView {
  const header = (name: string): string | null => message.headers[name] ?? null;
  const partition = header(DeadLetterHeaders.originalPartition);
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    dlq_headers: Object.fromEntries(Object.entries(message.headers).filter(([name]) => name.startsWith('x-dlq-'))),
    error: header(DeadLetterHeaders.error),
    error_code: header(DeadLetterHeaders.errorCode),
    original_topic: header(DeadLetterHeaders.originalTopic),
    original_partition: partition === null || !/^\d+$/.test(partition) ? null : Number(partition),
    original_offset: header(DeadLetterHeaders.originalOffset),
    failed_at: header(DeadLetterHeaders.failedAt),
    event_type: message.metadata.type ?? null,
    correlation_id: message.metadata.correlationId ?? null,
    value: message.value === null ? null : message.value.toString('utf8'),
    redriven_at: redrivenAt?.toISOString() ?? null,
  };
}
