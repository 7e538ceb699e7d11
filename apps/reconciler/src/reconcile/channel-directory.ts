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

export function channelDirectory(database: Database, secretBox: SecretBox, ttlMs: number): ChannelDirectory {
  const repository = new ServiceIntegrationRepository(database, secretBox);
  const dependents = new IntegrationCache<ChannelIntegration[]>(async (signalwireOpaqueId) => {
    const parent = await repository.findByOpaqueId(signalwireOpaqueId);
    if (!parent) return null;
    const children = await repository.listDependents(parent.settings.id);
    return children.filter((child) => child.serviceName === CHANNEL_SERVICE).map((child) => toChannel(child, parent.settings, parent.organizationKey));
  }, ttlMs);
  const channels = new IntegrationCache<ChannelIntegration>(async (opaqueId) => {
    const found = await repository.findByOpaqueId(opaqueId);
    if (!found || found.settings.serviceName !== CHANNEL_SERVICE || found.settings.dependsOnId === null) return null;
    const parent = await repository.findById(found.settings.dependsOnId);
    return parent ? toChannel(found.settings, parent, found.organizationKey) : null;
  }, ttlMs);
  return {
    dependentsOf: async (opaqueId) => (await dependents.get(opaqueId)) ?? [],
    channel: (opaqueId) => channels.get(opaqueId),
    allOpaqueIds: () => repository.listOpaqueIdsByServiceName(CHANNEL_SERVICE),
  };
}
