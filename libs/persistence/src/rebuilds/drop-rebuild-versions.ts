import { qualifiedName } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

/**
 * Drops the table versions an integration's rebuilds left (docs/behaviour/rebuild.md#deleting-an-integration):
 * the new version of a rebuild that has not swapped, and every old version not dropped yet. Run it
 * in the transaction that deletes the integration (its rebuild rows go with it, ON DELETE CASCADE).
 */
export async function dropRebuildVersions(tx: Db, schema: string, serviceIntegrationId: number): Promise<string[]> {
  const rows = await runQuery<{ name: string }[]>(
    tx,
    `SELECT build_table AS name FROM ${controlPlaneTable('tableRebuilds')} WHERE service_integration_id = $1 AND state <> 'finished'
     UNION SELECT old_table FROM ${controlPlaneTable('tableRebuilds')} WHERE service_integration_id = $1 AND old_table IS NOT NULL AND old_table_dropped_at IS NULL`,
    [serviceIntegrationId],
  );
  for (const { name } of rows) await runQuery(tx, `DROP TABLE IF EXISTS ${qualifiedName(schema, name)}`);
  return rows.map((row) => row.name);
}
