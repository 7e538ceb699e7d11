import { AppError, SecretBox } from '@whdb/core';
import { Database, LoggedWebhookRepository, ServiceIntegrationRepository } from '@whdb/persistence';
import { lookupIntegration } from '../integrations/integration-lookup';
import { OrganizationRef } from '../organizations/organization-access';
import { ListLoggedWebhooksQuery } from './list-logged-webhooks.query';
import { LoggedWebhookView, toLoggedWebhookView } from './logged-webhook-view';

const DEFAULT_PAGE_SIZE = 50;
const OPAQUE_ID = /^svi_[0-9a-z]+$/;

export interface LoggedWebhookPage {
  readonly items: LoggedWebhookView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  readonly next_cursor: string | null;
}

/** `GET /v1/organizations/{org}/logged_webhooks`: the organization's deliveries, newest first (docs/behaviour/audit-log.md#api). */
export class ListLoggedWebhooksUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
  ) {}

  async execute(organization: OrganizationRef, query: ListLoggedWebhooksQuery): Promise<LoggedWebhookPage> {
    const since = query.since === undefined ? undefined : new Date(query.since);
    const until = query.until === undefined ? undefined : new Date(query.until);
    if (since && until && since >= until) throw new AppError('invalid_input', 'since must be before until');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const opaqueId = query.service_integration === undefined ? undefined : await this.opaqueIdOf(organization, query.service_integration);
    const records = await new LoggedWebhookRepository(this.dataSource).list({
      organizationId: organization.id,
      opaqueId,
      status: query.status,
      since,
      until,
      beforeId: query.cursor,
      limit: limit + 1,
    });
    const page = records.slice(0, limit);
    return { items: page.map(toLoggedWebhookView), next_cursor: records.length > limit ? page[page.length - 1]!.id : null };
  }

  /** Opaque ids are taken as they are (the integration may be deleted); other refs must name an integration. */
  private async opaqueIdOf(organization: OrganizationRef, ref: string): Promise<string> {
    if (OPAQUE_ID.test(ref)) return ref;
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    return (await lookupIntegration(repository, organization.id, ref)).settings.opaqueId;
  }
}
