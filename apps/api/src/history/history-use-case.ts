import { IntegrationSettings, SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { lookupIntegration } from '../integrations/integration-lookup';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { OrganizationRef } from '../organizations/organization-access';

/** What the history use cases share (docs/behaviour/history.md): their dependencies and the `{sint}` lookup. */
export abstract class HistoryUseCase {
  constructor(
    protected readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  /** The organization's integration named by `ref` (an opaque id or a service name), or the usual 403. */
  protected async integration(organization: OrganizationRef, ref: string): Promise<IntegrationSettings> {
    const { settings } = await lookupIntegration(new ServiceIntegrationRepository(this.dataSource, this.secretBox), organization.id, ref, this.catalog);
    return settings;
  }
}
