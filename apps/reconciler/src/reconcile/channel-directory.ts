import { formatE164, IntegrationSettings, orgSchemaName, ReplicatorTableRef, SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { frontSignalwireMessageChannelAppV1Replicator } from '@whdb/replicators';
import { IntegrationCache } from '@whdb/service-kit';
import { ChannelTarget } from '../decisions/outbound-commands.factory';

export const CHANNEL_SERVICE = frontSignalwireMessageChannelAppV1Replicator.descriptor.name;

/** One channel integration as the reconciler sees it (docs/behaviour/channel.md#roles). */
export interface ChannelIntegration {
  readonly settings: IntegrationSettings;
  readonly table: ReplicatorTableRef;
  readonly target: ChannelTarget;
  /** E.164 support number (`api_url`); empty when setup has not set one. */
  readonly supportNumber: string;
}

/** Which channels there are and who their parents are, read from the control plane (cached `ttlMs`). */
export interface ChannelDirectory {
  /** The channels depending on a `signalwire_message_v1` integration. */
  dependentsOf(signalwireOpaqueId: string): Promise<readonly ChannelIntegration[]>;
  /** A channel by its opaque id, or null (deleted, not a channel, or without a parent). */
  channel(opaqueId: string): Promise<ChannelIntegration | null>;
  /** The opaque ids of every channel integration (the sweep resolves each with `channel`). */
  allOpaqueIds(): Promise<readonly string[]>;
}

function toChannel(settings: IntegrationSettings, parent: IntegrationSettings, organizationKey: string): ChannelIntegration {
  return {
    settings,
    table: { schema: orgSchemaName(organizationKey), table: settings.tableName },
    target: {
      channel: { opaque_id: settings.opaqueId, service_name: settings.serviceName, organization_id: settings.organizationId },
      signalwire: { opaque_id: parent.opaqueId, service_name: parent.serviceName, organization_id: parent.organizationId },
      frontChannelId: settings.backfillKey,
    },
    supportNumber: formatE164(settings.apiUrl) ?? '',
  };
}

/**
 * Reads the control plane through short caches (`ttlMs`, hits only; `[]` is a hit). A SignalWire
 * row change asks which channels depend on its integration: that is one query by opaque id that
 * decrypts nothing, so the SMS of an integration without a channel (most of them; or one deleted,
 * or whose secrets another keyring wrote) costs one cached lookup and no failure. Only a channel's
 * own settings and its parent's are decrypted (docs/behaviour/channel.md#sms-rows).
 */
export function channelDirectory(database: Database, secretBox: SecretBox, ttlMs: number): ChannelDirectory {
  const repository = new ServiceIntegrationRepository(database, secretBox);
  const dependentIds = new IntegrationCache<string[]>((signalwireOpaqueId) => repository.listDependentOpaqueIds(signalwireOpaqueId, CHANNEL_SERVICE), ttlMs);
  const channels = new IntegrationCache<ChannelIntegration>(async (opaqueId) => {
    const found = await repository.findByOpaqueId(opaqueId);
    if (!found || found.settings.serviceName !== CHANNEL_SERVICE || found.settings.dependsOnId === null) return null;
    const parent = await repository.findById(found.settings.dependsOnId);
    return parent ? toChannel(found.settings, parent, found.organizationKey) : null;
  }, ttlMs);
  return {
    dependentsOf: async (signalwireOpaqueId) => {
      const ids = (await dependentIds.get(signalwireOpaqueId)) ?? [];
      const found = await Promise.all(ids.map((id) => channels.get(id)));
      return found.filter((channel): channel is ChannelIntegration => channel !== null);
    },
    channel: (opaqueId) => channels.get(opaqueId),
    allOpaqueIds: () => repository.listOpaqueIdsByServiceName(CHANNEL_SERVICE),
  };
}
