import { IntegrationSettings, orgSchemaName, SecretBox } from '@whdb/core';
import { ChannelCommandLedger } from '../channel/channel-command-ledger';
import { Database } from '../database/database';
import { Transaction, withTransaction } from '../database/transaction';
import { dropRebuildVersions } from '../rebuilds/drop-rebuild-versions';
import { dropReplicatorTable } from '../replicator-tables/replicator-table-ddl';
import { ServiceIntegrationRepository } from './service-integration.repository';

/**
 * Destroys an integration, its table and every dependent (depth first), with their secrets and
 * the reconciler's command ledger, in one transaction (docs/behaviour/integrations-api.md#delete):
 * used when Front deletes a channel (docs/behaviour/channel.md#delete). The parent is kept.
 * Returns the dropped table names, dependents first.
 */
export async function destroyIntegrationTree(database: Database, secrets: SecretBox, settings: IntegrationSettings, organizationKey: string): Promise<string[]> {
  return withTransaction(database, (tx) => destroy(tx, secrets, settings, organizationKey, new ChannelCommandLedger(database)));
}

async function destroy(tx: Transaction, secrets: SecretBox, settings: IntegrationSettings, organizationKey: string, ledger: ChannelCommandLedger): Promise<string[]> {
  const repository = new ServiceIntegrationRepository(tx, secrets);
  const dropped: string[] = [];
  for (const dependent of await repository.listDependents(settings.id)) dropped.push(...(await destroy(tx, secrets, dependent, organizationKey, ledger)));
  await dropRebuildVersions(tx, orgSchemaName(organizationKey), settings.id);
  await dropReplicatorTable(tx, { schema: orgSchemaName(organizationKey), table: settings.tableName });
  await ledger.forgetChannel(settings.opaqueId, tx);
  await repository.delete(settings.id);
  dropped.push(settings.tableName);
  return dropped;
}
