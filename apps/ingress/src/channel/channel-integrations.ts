import { randomUUID } from 'node:crypto';
import { Logger, SecretBox } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { Database, deleteOutboxBatches, destroyIntegrationTree, OutboxBatch, ServiceIntegrationRepository } from '@whdb/persistence';
import { findReplicator } from '@whdb/replicators';
import { IntegrationCache, ResolvedIntegration } from '@whdb/service-kit';
import { ChannelIntegrations } from './receive-channel-event.use-case';

/**
 * The channel endpoint's control-plane access (docs/behaviour/channel.md#endpoint): API keys are
 * found by their digest and cached like the generic endpoint's lookups (hits only, `ttlMs`); the
 * two writes (the Front channel id, the delete) go through narrow persistence calls and drop the
 * cached key, so on this replica a deleted channel's key stops resolving at once (on others within `ttlMs`).
 * The delete announces every dropped row as a `d` row-change event (docs/topics.md#deletes-and-tombstones):
 * published right after the commit, or by the channel projector's outbox sweeper if that fails.
 */
export function channelIntegrations(database: Database, secretBox: SecretBox, ttlMs: number, publisher: KafkaPublisher, logger: Logger): ChannelIntegrations {
  const repository = new ServiceIntegrationRepository(database, secretBox);
  const byApiKey = new IntegrationCache<ResolvedIntegration>((apiKey) => repository.findByApiKey(apiKey), ttlMs);
  return {
    findByApiKey: (apiKey) => byApiKey.get(apiKey),
    recordFrontChannelId: async (integration, channelId, apiKey) => {
      await repository.recordFrontChannelId(integration.settings.id, channelId);
      byApiKey.forget(apiKey);
    },
    destroy: async (integration, apiKey, correlationId) => {
      const { outbox } = await destroyIntegrationTree(database, secretBox, integration.settings, integration.organizationKey, {
        remoteKeyColumnOf: (serviceName) => findReplicator(serviceName)?.schema.remoteKey.name,
        correlationId: correlationId ?? randomUUID(),
        eventSource: '/whdb/ingress',
      });
      byApiKey.forget(apiKey);
      await publishRowDeletes(publisher, database, outbox, logger);
    },
  };
}

/** Best effort: what fails here stays in the outbox for the projector's sweeper (docs/topics.md#outbox-streams). */
async function publishRowDeletes(publisher: KafkaPublisher, database: Database, outbox: readonly OutboxBatch[], logger: Logger): Promise<void> {
  const messages = outbox.flatMap((batch) => batch.messages);
  if (messages.length === 0) return;
  try {
    await publisher.publishRaw(messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value === null ? null : Buffer.from(m.value, 'utf8'), headers: m.headers })));
    await deleteOutboxBatches(database, outbox.map((batch) => batch.id));
  } catch (error) {
    logger.warn('could not publish the deleted rows now; the outbox sweeper will', { messages: messages.length, error: error instanceof Error ? error.message : String(error) });
  }
}
