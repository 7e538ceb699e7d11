import { randomUUID } from 'node:crypto';
import { silentLogger } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';

/**
 * Publishes JSON events to a topic as a service would (CloudEvents headers, acks from all
 * replicas): lets a test play a service that is not running, e.g. the outbound sender's
 * `delivery.result`.
 */
export class TopicPublisher {
  private publisher: KafkaPublisher | null = null;

  constructor(private readonly brokers: string) {}

  async start(): Promise<this> {
    this.publisher = await KafkaPublisher.connect({ brokers: this.brokers.split(','), clientId: 'whdb-test-publisher' }, silentLogger);
    return this;
  }

  async publish(topic: string, key: string, value: { readonly type: string; readonly id?: string; readonly correlation_id?: string; readonly [field: string]: unknown }): Promise<void> {
    await this.publisher!.publish([
      {
        topic,
        key,
        value,
        metadata: { id: value.id ?? randomUUID(), type: value.type, source: '/whdb/test', time: new Date().toISOString(), correlationId: value.correlation_id ?? randomUUID() },
      },
    ]);
  }

  /** Publishes a message as it is (a value already serialized, or `null` for a tombstone), e.g. an `OutboxMessage` a service would publish. */
  async publishRaw(message: { readonly topic: string; readonly key: string; readonly value: string | null; readonly headers: Readonly<Record<string, string>> }): Promise<void> {
    await this.publisher!.publishRaw([{ topic: message.topic, key: message.key, value: message.value === null ? null : Buffer.from(message.value, 'utf8'), headers: message.headers }]);
  }

  async stop(): Promise<void> {
    await this.publisher?.disconnect();
  }
}
