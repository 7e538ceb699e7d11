import { integrationApiKey, SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';

/** `POST .../{sint}/roll_api_key`: a new `sk/<opaque_id>/<random>` key; the old one stops working. */
export class RollApiKeyUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
  ) {}

  async execute(organization: OrganizationRef, ref: string): Promise<{ webhookdb_api_key: string }> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const { settings } = await lookupIntegration(repository, organization.id, ref);
    const key = integrationApiKey(settings.opaqueId);
    await repository.updateSettings(settings.id, { webhookdbApiKey: key });
    return { webhookdb_api_key: key };
  }
}
