import { randomUUID } from 'node:crypto';
import { ChannelResourceEvent, JsonObject, OutboundCommand, Topics } from '@whdb/core';
import { KafkaPublisher, OutgoingMessage } from '@whdb/kafka';
import { ChannelTarget } from '../decisions/outbound-commands.factory';
import { CHANNEL_SERVICE } from './channel-directory';

const SOURCE = '/whdb/reconciler';

/**
 * What the reconciler publishes (docs/behaviour/channel.md#flows): commands to
 * `whdb.commands.outbound` and channel rows (`channel.resource`) to the channel's inbound topic,
 * both keyed `<channel opaque_id>:<external_id>` so a row's events stay in order on one partition.
 * Each publish resolves once Kafka acknowledged it; messages published together share one produce
 * request (an SMS's channel row and its import: docs/performance.md#channel-latency).
 */
export class ChannelPublisher {
  constructor(private readonly publisher: Pick<KafkaPublisher, 'publish'>) {}

  async command(command: OutboundCommand): Promise<void> {
    await this.publish([commandMessage(command)]);
  }

  async channelResource(target: ChannelTarget, resource: JsonObject, correlationId: string, now: Date): Promise<void> {
    await this.publish([channelResourceMessage(target, resource, correlationId, now)]);
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    await this.publisher.publish(messages);
  }
}

export function commandMessage(command: OutboundCommand): OutgoingMessage {
  return {
    topic: Topics.commandsOutbound,
    key: `${command.channel.opaque_id}:${command.external_id}`,
    value: command,
    metadata: { id: command.id, type: command.type, source: SOURCE, time: command.issued_at, correlationId: command.correlation_id },
  };
}

export function channelResourceMessage(target: ChannelTarget, resource: JsonObject, correlationId: string, now: Date): OutgoingMessage {
  const event: ChannelResourceEvent = { type: 'channel.resource', id: randomUUID(), correlation_id: correlationId, produced_at: now.toISOString(), integration: target.channel, resource };
  return {
    topic: Topics.inbound(CHANNEL_SERVICE),
    key: `${target.channel.opaque_id}:${String(resource['external_id'])}`,
    value: event,
    metadata: { id: event.id, type: event.type, source: SOURCE, time: event.produced_at, correlationId },
  };
}
