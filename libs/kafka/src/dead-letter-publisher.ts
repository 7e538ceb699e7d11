import { Logger } from '@whdb/core';
import { ConsumedMessage } from './consumed-message';
import { buildDeadLetterMessage } from './dead-letter';
import { ensureTopics } from './kafka-admin';
import { KafkaPublisher } from './kafka-publisher';
import { KafkaSettings } from './kafka-settings';

/**
 * Publishes failed messages to `<topic>.dlq`. Brokers run with `auto.create.topics.enable=false`, so
 * the dead-letter topic is created (once per process and topic) before the first message goes there.
 */
export class DeadLetterPublisher {
  private readonly ensured = new Set<string>();

  constructor(
    private readonly publisher: KafkaPublisher,
    private readonly settings: KafkaSettings,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Resolves once the dead-letter copy is durable in Kafka; rejects (retriable) otherwise. */
  async publish(message: ConsumedMessage, error: unknown): Promise<void> {
    const deadLetter = buildDeadLetterMessage(message, error, this.now());
    if (!this.ensured.has(deadLetter.topic)) {
      await ensureTopics(this.settings, this.logger, [{ name: deadLetter.topic }]);
      this.ensured.add(deadLetter.topic);
    }
    await this.publisher.publishRaw([deadLetter]);
  }
}
