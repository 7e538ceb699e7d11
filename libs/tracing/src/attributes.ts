/**
 * Span attribute names we set (docs/operations.md#tracing). The stable HTTP, URL, server, DB and
 * error names come from `@opentelemetry/semantic-conventions`; the messaging ones are still
 * "incubating" there, and the package asks users to copy incubating names rather than import
 * them, so they are spelt here (OpenTelemetry semantic conventions for Kafka, messaging spans).
 */
export const MessagingAttributes = {
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  consumerGroup: 'messaging.consumer.group.name',
  batchCount: 'messaging.batch.message_count',
  messageId: 'messaging.message.id',
  kafkaOffset: 'messaging.kafka.offset',
} as const;

/** Our own attributes: the correlation id joins a trace to the log lines of the same webhook. */
export const WhdbAttributes = {
  correlationId: 'whdb.correlation_id',
  opaqueId: 'whdb.opaque_id',
  serviceName: 'whdb.service_name',
  eventType: 'whdb.event_type',
  rows: 'whdb.rows',
  changed: 'whdb.changed',
} as const;

export const KAFKA_SYSTEM = 'kafka';
