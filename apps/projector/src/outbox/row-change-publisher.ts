import { Logger, OutboxMessage } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { Database, deleteOutboxBatches } from '@whdb/persistence';

/**
 * Publishes row-change events from the outbox to `whdb.rows.<service_name>` (acks from all
 * replicas), byte for byte but for the trace context they were stored with, which a
 * `publish` span continues (docs/operations.md#tracing), then forgets their batches. If forgetting fails, the batches are
 * published again later: row-change events are at least once, and each carries its position.
 */
export class RowChangePublisher {
  constructor(
    private readonly publisher: KafkaPublisher,
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly onPublished: (count: number) => void = () => undefined,
  ) {}

  async publish(messages: readonly OutboxMessage[], batchIds: readonly string[] = []): Promise<void> {
    await this.publisher.relay(messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value === null ? null : Buffer.from(m.value, 'utf8'), headers: m.headers })));
    this.onPublished(messages.length);
    await deleteOutboxBatches(this.database, batchIds).catch((error: unknown) =>
      this.logger.warn('could not delete published outbox batches; they will be published again', { error: error instanceof Error ? error.message : String(error) }),
    );
  }
}
