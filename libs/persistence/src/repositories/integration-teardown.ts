import { IntegrationSettings, orgSchemaName, SecretBox } from '@whdb/core';
import { ChannelCommandLedger } from '../channel/channel-command-ledger';
import { Database } from '../database/database';
import { Transaction, withTransaction } from '../database/transaction';
import { OutboxBatch } from '../outbox/outbox-store';
import { recordTableDeletes, TableDeletesOrigin } from '../projection/table-deletes';
import { dropReplicatorTable } from '../replicator-tables/replicator-table-ddl';
import { ServiceIntegrationRepository } from './service-integration.repository';

/** How to announce the dropped rows as `d` row-change events (docs/topics.md#deletes-and-tombstones). */
export interface RowDeletesOptions extends TableDeletesOrigin {
  /** The remote-key column of a replicator's tables; undefined for one this process does not know (no events). */
  readonly remoteKeyColumnOf: (serviceName: string) => string | undefined;
}

export interface DestroyedTree {
  /** The dropped table names, dependents first. */
  readonly dropped: string[];
  /** The outbox batches holding the deletes (and older unpublished ones of the same lanes): publish them after the commit. */
  readonly outbox: OutboxBatch[];
}

/**
 * Destroys an integration, its table and every dependent (depth first), with their secrets and
 * the reconciler's command ledger, in one transaction (docs/behaviour/integrations-api.md#delete):
 * used by the api's delete and when Front deletes a channel (docs/behaviour/channel.md#delete). The
 * parent is kept. With `deletes`, every dropped row is announced as a `d` row-change event,
 * recorded in the outbox in the same transaction.
 */
export async function destroyIntegrationTree(
  database: Database,
  secrets: SecretBox,
  settings: IntegrationSettings,
  organizationKey: string,
  deletes?: RowDeletesOptions,
): Promise<DestroyedTree> {
  return withTransaction(database, async (tx) => {
    const tree: DestroyedTree = { dropped: [], outbox: [] };
    await destroy(tx, secrets, settings, organizationKey, new ChannelCommandLedger(database), deletes, tree);
    return tree;
  });
}

async function destroy(
  tx: Transaction,
  secrets: SecretBox,
  settings: IntegrationSettings,
  organizationKey: string,
  ledger: ChannelCommandLedger,
  deletes: RowDeletesOptions | undefined,
  tree: DestroyedTree,
): Promise<void> {
  const repository = new ServiceIntegrationRepository(tx, secrets);
  for (const dependent of await repository.listDependents(settings.id)) await destroy(tx, secrets, dependent, organizationKey, ledger, deletes, tree);
  const target = { opaqueId: settings.opaqueId, serviceName: settings.serviceName, schema: orgSchemaName(organizationKey), table: settings.tableName };
  const remoteKeyColumn = deletes?.remoteKeyColumnOf(settings.serviceName);
  if (deletes && remoteKeyColumn) tree.outbox.push(...(await recordTableDeletes(tx, { target, remoteKeyColumn }, deletes)));
  await dropReplicatorTable(tx, target);
  await ledger.forgetChannel(settings.opaqueId, tx);
  await repository.delete(settings.id);
  tree.dropped.push(settings.tableName);
}
