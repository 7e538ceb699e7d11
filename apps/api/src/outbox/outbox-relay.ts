import { Logger, OutboxMessage } from '@whdb/core';
import { KafkaPublisher, RawOutgoingMessage } from '@whdb/kafka';
import { Database, deleteOutboxBatches, OutboxBatch } from '@whdb/persistence';

/**
 * Publishes committed outbox batches at once (byte for byte, acks from all replicas), then
 * forgets them. A failure is logged and swallowed: the batches stay in the outbox and a sweeper
 * publishes them later (docs/topics.md#outbox-streams), so the caller's change stands.
 */
export class OutboxRelay {
  constructor(
    private readonly publisher: KafkaPublisher,
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  async publishNow(batches: readonly OutboxBatch[]): Promise<boolean> {
    const messages = batches.flatMap((batch) => batch.messages);
    if (messages.length === 0) return true;
    try {
      await this.publisher.publishRaw(toRawMessages(messages));
    } catch (error) {
      this.logger.warn('could not publish outbox messages now; the outbox sweeper will', { messages: messages.length, error: describe(error) });
      return false;
    }
    await deleteOutboxBatches(this.database, batches.map((batch) => batch.id)).catch((error: unknown) =>
      this.logger.warn('could not delete published outbox batches; they will be published again', { error: describe(error) }),
    );
    return true;
  }
}

/** Outbox messages as Kafka messages, byte for byte. */
export function toRawMessages(messages: readonly OutboxMessage[]): RawOutgoingMessage[] {
  return messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value === null ? null : Buffer.from(m.value, 'utf8'), headers: m.headers }));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
