import { AppError, IntegrationRef, IntegrationSettings, orgSchemaName } from '@whdb/core';
import { IntegrationWithOrganization } from '@whdb/persistence';

/** An integration a command names, with the table its rows live in. */
export interface ResolvedIntegration {
  readonly settings: IntegrationSettings;
  readonly schema: string;
  readonly table: string;
}

/**
 * The integrations a command names (its channel, its parent SignalWire), read with their secrets
 * decrypted. A command whose integration is gone can never be sent: a final `not_found` error, which
 * the consumer host dead-letters.
 */
export class CommandIntegrations {
  constructor(private readonly find: (opaqueId: string) => Promise<IntegrationWithOrganization | null>) {}

  async resolve(ref: IntegrationRef): Promise<ResolvedIntegration> {
    const found = await this.find(ref.opaque_id);
    if (!found) throw new AppError('not_found', `Integration ${ref.opaque_id} (${ref.service_name}) no longer exists`, { opaque_id: ref.opaque_id }, { retriable: false });
    return { settings: found.settings, schema: orgSchemaName(found.organizationKey), table: found.settings.tableName };
  }

  /** How an alert names the integration; the ref alone when it is gone. */
  async alertTarget(ref: IntegrationRef): Promise<{ opaque_id: string; service_name: string; table_name: string }> {
    const found = await this.find(ref.opaque_id).catch(() => null);
    return { opaque_id: ref.opaque_id, service_name: ref.service_name, table_name: found?.settings.tableName ?? '' };
  }
}
