import { WebhookReceivedEvent } from '@whdb/core';
import { KafkaPublisher, Topics } from '@whdb/kafka';

/** Publishes verified deliveries to `whdb.inbound.<service_name>` (acks from all replicas). */
export class InboundPublisher {
  constructor(private readonly publisher: KafkaPublisher) {}

  async publishReceived(event: WebhookReceivedEvent, key: string): Promise<void> {
    await this.publisher.publish([
      {
        topic: Topics.inbound(event.integration.service_name),
        key,
        value: event,
        metadata: { id: event.id, type: event.type, source: '/whdb/ingress', time: event.received_at, correlationId: event.correlation_id },
      },
    ]);
  }
}
