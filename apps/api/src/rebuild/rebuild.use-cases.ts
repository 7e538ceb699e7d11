import { AppError, IntegrationSettings, orgSchemaName, SecretBox } from '@whdb/core';
import { buildTableName, Database, dropReplicatorTable, ServiceIntegrationRepository, TableRebuildRecord, TableRebuildRepository, withTransaction } from '@whdb/persistence';
import { lookupIntegration } from '../integrations/integration-lookup';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { OrganizationRef } from '../organizations/organization-access';
import { rebuildResponse, RebuildResponse } from './rebuild-response';

const REBUILD_ID = /^rbd_[a-z0-9]{1,64}$/;

/**
 * Rebuilds of an integration's table from the log (docs/behaviour/rebuild.md, docs/api.md#rebuild-a-table-from-the-log):
 * start one, follow it, list them, drop the old version a finished one kept. The work itself is
 * done by a projector of the integration's replicator.
 */
export class RebuildUseCases {
  constructor(
    private readonly database: Database,
    private readonly secretBox: SecretBox,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  /** `POST .../{sint}/rebuild`: a pending rebuild; 409 `conflict` while another one of the table is active. */
  async start(organization: OrganizationRef, ref: string): Promise<RebuildResponse> {
    const { settings } = await this.integration(organization, ref);
    const rebuild = await new TableRebuildRepository(this.database).create({
      serviceIntegrationId: settings.id,
      serviceName: settings.serviceName,
      buildTable: (id) => buildTableName(settings.tableName, id),
    });
    return rebuildResponse(rebuild, settings);
  }

  /**
   * `GET .../{sint}/rebuild/{id}`. An id this integration has no rebuild of is a 403, like an
   * unknown backfill job (SPEC 8.3: the api answers 403 for what does not exist; a 404 means no such endpoint).
   */
  async get(organization: OrganizationRef, ref: string, id: string): Promise<RebuildResponse> {
    const { settings } = await this.integration(organization, ref);
    return rebuildResponse(await this.rebuildOf(settings, id), settings);
  }

  /** `GET .../{sint}/rebuild`: the integration's rebuilds, newest first. */
  async list(organization: OrganizationRef, ref: string): Promise<{ items: RebuildResponse[] }> {
    const { settings } = await this.integration(organization, ref);
    const rebuilds = await new TableRebuildRepository(this.database).listForIntegration(settings.id);
    return { items: rebuilds.map((rebuild) => rebuildResponse(rebuild, settings)) };
  }

  /**
   * `POST .../{sint}/rebuild/{id}/drop_old`: drops the previous version a finished rebuild kept.
   * 409 `conflict` when the rebuild has not swapped (nothing kept yet) or the table was dropped already.
   */
  async dropOld(organization: OrganizationRef, ref: string, id: string): Promise<RebuildResponse> {
    const { settings } = await this.integration(organization, ref);
    const rebuild = await this.rebuildOf(settings, id);
    if (rebuild.state !== 'finished' || !rebuild.oldTable) throw new AppError('conflict', `Rebuild ${rebuild.opaqueId} is ${rebuild.state}: it has kept no old table to drop.`);
    if (rebuild.oldTableDroppedAt) throw new AppError('conflict', `The old table ${rebuild.oldTable} was dropped already.`);
    const dropped = await withTransaction(this.database, async (tx) => {
      await dropReplicatorTable(tx, { schema: orgSchemaName(organization.key), table: rebuild.oldTable! });
      const repository = new TableRebuildRepository(tx);
      await repository.markOldTableDropped(rebuild.id);
      return (await repository.findByOpaqueId(rebuild.opaqueId))!;
    });
    return { ...rebuildResponse(dropped, settings), message: `Dropped ${rebuild.oldTable}, the version of ${settings.tableName} before rebuild ${rebuild.opaqueId}.` };
  }

  private async integration(organization: OrganizationRef, ref: string) {
    return lookupIntegration(new ServiceIntegrationRepository(this.database, this.secretBox), organization.id, ref, this.catalog);
  }

  private async rebuildOf(settings: IntegrationSettings, id: string): Promise<TableRebuildRecord> {
    const rebuild = REBUILD_ID.test(id) ? await new TableRebuildRepository(this.database).findByOpaqueId(id) : null;
    if (!rebuild || rebuild.serviceIntegrationId !== settings.id) throw new AppError('forbidden', 'This integration has no rebuild with that id.');
    return rebuild;
  }
}
