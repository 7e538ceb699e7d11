import { IntegrationHistoryRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { historyResponse, HistoryResponse } from './history-response';
import { HistoryUseCase } from './history-use-case';

/**
 * `POST .../{sint}/history/disable`, admin role (docs/behaviour/history.md#switching-it-off): no
 * new versions are recorded; the history table and the as-of function are kept (deleting the
 * integration drops them). Disabling an integration whose history was never on is not an error.
 */
export class DisableHistoryUseCase extends HistoryUseCase {
  async execute(organization: OrganizationRef, ref: string): Promise<HistoryResponse> {
    const settings = await this.integration(organization, ref);
    const status = await new IntegrationHistoryRepository(this.dataSource).disable(settings.id);
    const message = status
      ? `History is off for ${settings.tableName}. What it recorded stays in ${settings.tableName}_history; enabling it again fills the gap from the log where the log still holds it.`
      : `History was never on for ${settings.tableName}.`;
    return historyResponse(settings, status, message);
  }
}
