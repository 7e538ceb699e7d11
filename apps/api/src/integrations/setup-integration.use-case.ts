import { SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';
import { stepResponse } from './integration-summary';
import { ReplicatorCatalog } from './replicator-catalog';
import { SetupRunner } from './setup-runner';

/**
 * `POST .../{sint}/setup` shows the preferred setup machine; `.../reset` first clears the webhook
 * secret (and, for replicators without backfill, the backfill fields too:
 * docs/behaviour/state-machines.md#setup-and-reset). A preferred backfill machine that is complete
 * starts a backfill.
 */
export class SetupIntegrationUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly runner: SetupRunner,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, ref: string, options: { reset: boolean }): Promise<Record<string, unknown>> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const found = await lookupIntegration(repository, organization.id, ref, this.catalog);
    const { replicator } = found;
    let settings = found.settings;
    if (options.reset) {
      const clearsBackfillToo = !(replicator.descriptor.supportsWebhooks && replicator.descriptor.supportsBackfill);
      settings = await repository.updateSettings(settings.id, clearsBackfillToo ? { webhookSecret: '', apiUrl: '', backfillKey: '', backfillSecret: '' } : { webhookSecret: '' });
    }
    const run = await this.runner.runPreferred({ replicator, settings, repository, organizationKey: organization.key });
    return stepResponse(run.step, run.settings, run.job);
  }
}
