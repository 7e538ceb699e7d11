import { SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository, WebhookStatsRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';
import { ReplicatorCatalog } from './replicator-catalog';

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

/** Labels of the figures, in display order (what the CLI prints as a table). */
const DISPLAY_HEADERS: readonly (readonly [string, string])[] = [
  ['count_last_7_days_formatted', 'Count Last 7 Days'],
  ['success_last_7_days_formatted', 'Successful Last 7 Days'],
  ['success_last_7_days_percent_formatted', 'Successful Last 7 Days %'],
  ['rejected_last_7_days_formatted', 'Rejected Last 7 Days'],
  ['rejected_last_7_days_percent_formatted', 'Rejected Last 7 Days %'],
  ['successful_of_last_10_formatted', 'Successful Of Last 10 Webhooks'],
  ['rejected_of_last_10_formatted', 'Rejected Of Last 10 Webhooks'],
];

const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

/**
 * `GET .../{sint}/stats` (docs/behaviour/integrations-api.md#stats): webhook statistics of the last
 * seven days from the audit log (`whdb.logged_webhooks`). A delivery answered with a status of 400
 * or more counts as rejected. Every figure is present (zeros when nothing was logged), each with a
 * `_formatted` twin, plus `display_headers` and a `message`.
 */
export class IntegrationStatsUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly catalog: ReplicatorCatalog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(organization: OrganizationRef, ref: string): Promise<Record<string, unknown>> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const { settings } = await lookupIntegration(repository, organization.id, ref, this.catalog);
    const since = new Date(this.now().getTime() - SEVEN_DAYS_MS);
    const { total, rejected, latestStatuses } = await new WebhookStatsRepository(this.dataSource).countsFor(settings.opaqueId, since);
    const success = total - rejected;
    const rejectedOfLast10 = latestStatuses.filter((status) => status >= 400).length;
    const successfulOfLast10 = latestStatuses.length - rejectedOfLast10;
    const successPercent = total === 0 ? 0 : success / total;
    const rejectedPercent = total === 0 ? 0 : rejected / total;
    return {
      message: total === 0 ? 'We have no record of receiving webhooks for that integration in the past seven days.' : '',
      count_last_7_days: total,
      count_last_7_days_formatted: String(total),
      success_last_7_days: success,
      success_last_7_days_formatted: String(success),
      success_last_7_days_percent: successPercent,
      success_last_7_days_percent_formatted: percent(successPercent),
      rejected_last_7_days: rejected,
      rejected_last_7_days_formatted: String(rejected),
      rejected_last_7_days_percent: rejectedPercent,
      rejected_last_7_days_percent_formatted: percent(rejectedPercent),
      successful_of_last_10: successfulOfLast10,
      successful_of_last_10_formatted: String(successfulOfLast10),
      rejected_of_last_10: rejectedOfLast10,
      rejected_of_last_10_formatted: String(rejectedOfLast10),
      display_headers: DISPLAY_HEADERS,
    };
  }
}
