import { SecretBox } from '@whdb/core';
import { Database, IntegrationHistoryRepository, ServiceIntegrationRepository } from '@whdb/persistence';
import { lookupIntegration } from '../integrations/integration-lookup';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { OrganizationRef } from '../organizations/organization-access';
import { historyResponse, HistoryResponse } from './history-response';

/**
 * `POST .../{sint}/history/disable`, admin role (docs/behaviour/history.md#switching-it-off): no
 * new versions are recorded; the history table and the as-of function are kept (deleting the
 * integration drops them). Disabling an integration whose history was never on is not an error.
 */
export class DisableHistoryUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, ref: string): Promise<HistoryResponse> {
    const { settings } = await lookupIntegration(new ServiceIntegrationRepository(this.dataSource, this.secretBox), organization.id, ref, this.catalog);
    const status = await new IntegrationHistoryRepository(this.dataSource).disable(settings.id);
    const message = status
      ? `History is off for ${settings.tableName}. What it recorded stays in ${settings.tableName}_history; enabling it again fills the gap from the log where the log still holds it.`
      : `History was never on for ${settings.tableName}.`;
    return historyResponse(settings, status, message);
  }
}
