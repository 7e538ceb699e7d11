import { orgSchemaName, ProjectionTarget } from '@whdb/core';
import { Db } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

/**
 * Where an integration's rows go, read without touching its secrets (a projector needs the table
 * and schema, nothing to decrypt). Null when the integration no longer exists.
 */
export class ProjectionTargetRepository {
  constructor(private readonly db: Db) {}

  async find(opaqueId: string): Promise<ProjectionTarget | null> {
    const [row] = await this.db.query<{ service_name: string; table_name: string; org_key: string }>(
      `SELECT si.service_name, si.table_name, o.key AS org_key
         FROM ${controlPlaneTable('serviceIntegrations')} si JOIN ${controlPlaneTable('organizations')} o ON o.id = si.organization_id
        WHERE si.opaque_id = $1`,
      [opaqueId],
    );
    if (!row) return null;
    return { opaqueId, serviceName: row.service_name, schema: orgSchemaName(row.org_key), table: row.table_name };
  }

  /** The tables of every integration of `serviceName`, oldest integration first (docs/behaviour/replicator-framework.md#adding-columns). */
  async listForService(serviceName: string): Promise<ProjectionTarget[]> {
    const rows = await this.db.query<{ opaque_id: string; table_name: string; org_key: string }>(
      `SELECT si.opaque_id, si.table_name, o.key AS org_key
         FROM ${controlPlaneTable('serviceIntegrations')} si JOIN ${controlPlaneTable('organizations')} o ON o.id = si.organization_id
        WHERE si.service_name = $1 ORDER BY si.id`,
      [serviceName],
    );
    return rows.map((row) => ({ opaqueId: row.opaque_id, serviceName, schema: orgSchemaName(row.org_key), table: row.table_name }));
  }
}
