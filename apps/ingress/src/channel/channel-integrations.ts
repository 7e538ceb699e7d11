import { SecretBox } from '@whdb/core';
import { Database, destroyIntegrationTree, ServiceIntegrationRepository } from '@whdb/persistence';
import { IntegrationCache, ResolvedIntegration } from '@whdb/service-kit';
import { ChannelIntegrations } from './receive-channel-event.use-case';

/**
 * The channel endpoint's control-plane access (docs/behaviour/channel.md#endpoint): API keys are
 * found by their digest and cached like the generic endpoint's lookups (hits only, `ttlMs`); the
 * two writes (the Front channel id, the delete) go through narrow persistence calls and drop the
 * cached key, so on this replica a deleted channel's key stops resolving at once (on others within `ttlMs`).
 */
export function channelIntegrations(database: Database, secretBox: SecretBox, ttlMs: number): ChannelIntegrations {
  const repository = new ServiceIntegrationRepository(database, secretBox);
  const byApiKey = new IntegrationCache<ResolvedIntegration>((apiKey) => repository.findByApiKey(apiKey), ttlMs);
  return {
    findByApiKey: (apiKey) => byApiKey.get(apiKey),
    recordFrontChannelId: async (integration, channelId, apiKey) => {
      await repository.recordFrontChannelId(integration.settings.id, channelId);
      byApiKey.forget(apiKey);
    },
    destroy: async (integration, apiKey) => {
      await destroyIntegrationTree(database, secretBox, integration.settings, integration.organizationKey);
      byApiKey.forget(apiKey);
    },
  };
}
