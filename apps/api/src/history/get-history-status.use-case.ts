import { IntegrationHistoryRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { historyResponse, HistoryResponse } from './history-response';
import { HistoryUseCase } from './history-use-case';

/** `GET .../{sint}/history` (docs/behaviour/history.md#status): the switch and the fill from the log. */
export class GetHistoryStatusUseCase extends HistoryUseCase {
  async execute(organization: OrganizationRef, ref: string): Promise<HistoryResponse> {
    const settings = await this.integration(organization, ref);
    const status = await new IntegrationHistoryRepository(this.dataSource).status(settings.id);
    return historyResponse(settings, status, describe(status));
  }
}

function describe(status: Awaited<ReturnType<IntegrationHistoryRepository['status']>>): string {
  if (!status) return 'History is off (it was never switched on).';
  if (!status.enabled) return 'History is off; what it recorded is kept.';
  switch (status.fill.state) {
    case 'pending':
      return 'History is on; the fill from the log has not started yet.';
    case 'running':
      return `History is on; filling from the log (${status.fill.messagesRead} messages read so far).`;
    case 'done':
      return `History is on; the fill from the log is done (${status.fill.versionsWritten} versions).`;
    case 'failed':
      return `History is on, but the fill from the log failed: ${status.fill.error ?? 'unknown error'}.`;
  }
}
