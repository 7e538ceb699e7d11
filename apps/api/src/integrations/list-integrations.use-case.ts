import { SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { IntegrationSummary, summarize } from './integration-summary';

/**
 * `GET /v1/organizations/{org}/service_integrations`: `{items, message}`
 * (docs/behaviour/integrations-api.md#list-integrations).
 */
export class ListIntegrationsUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
  ) {}

  async execute(organization: OrganizationRef): Promise<{ items: IntegrationSummary[]; message: string }> {
    const integrations = await new ServiceIntegrationRepository(this.dataSource, this.secretBox).listForOrganization(organization.id);
    const items = integrations.map(summarize);
    const message = items.length === 0 ? `Organization ${organization.name} has no service integrations yet. Create one with: whdb integrations create <service>` : '';
    return { items, message };
  }
}
