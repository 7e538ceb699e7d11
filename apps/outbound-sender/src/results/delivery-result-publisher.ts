import { randomUUID } from 'node:crypto';
import { DeliveryResultEvent, JsonObject, OutboundCommand, Topics } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';

/**
 * Publishes what a provider call produced as a `delivery.result` (CONTRACT Kafka; envelopes.ts): the
 * command's complete channel row with the new id set, to the channel's inbound topic, key
 * `<channel opaque_id>:<external_id>`, so the channel projector (the table's one writer) converges
 * the row (docs/behaviour/outbound-sender.md#results).
 */
export class DeliveryResultPublisher {
  constructor(private readonly publisher: Pick<KafkaPublisher, 'publish'>) {}

  async publish(command: OutboundCommand, row: JsonObject, patch: JsonObject): Promise<void> {
    const id = randomUUID();
    const event: DeliveryResultEvent = {
      type: 'delivery.result',
      id,
      correlation_id: command.correlation_id,
      produced_at: new Date().toISOString(),
      integration: command.channel,
      command_key: command.idempotency_key,
      resource: { ...row, ...patch },
    };
    await this.publisher.publish([
      {
        topic: Topics.inbound(command.channel.service_name),
        key: `${command.channel.opaque_id}:${command.external_id}`,
        value: event,
        metadata: { id, type: event.type, source: 'whdb/outbound-sender', time: event.produced_at, correlationId: command.correlation_id },
      },
    ]);
  }
}
