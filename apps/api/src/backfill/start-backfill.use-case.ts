import { SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { lookupIntegration } from '../integrations/integration-lookup';
import { stepResponse } from '../integrations/integration-summary';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { SetupRunner } from '../integrations/setup-runner';
import { OrganizationRef } from '../organizations/organization-access';
import { assertBackfillSupported } from './backfill-not-supported';

/**
 * `POST .../{sint}/backfill {incremental?}` and `POST .../{sint}/backfill/reset`
 * (docs/behaviour/integrations-api.md#backfill): 409 `backfill_not_supported` without backfill;
 * otherwise the backfill machine's step, and a recursive job tree enqueued when it is complete.
 * Reset first clears the backfill settings (and the webhook secret of a replicator that does not
 * have both machines).
 */
export class StartBackfillUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly runner: SetupRunner,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, ref: string, options: { incremental: boolean; reset: boolean }): Promise<Record<string, unknown>> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const { replicator, settings: found } = await lookupIntegration(repository, organization.id, ref, this.catalog);
    assertBackfillSupported(replicator, found);
    let settings = found;
    if (options.reset) {
      const clearsWebhookToo = !replicator.descriptor.supportsWebhooks;
      settings = await repository.updateSettings(settings.id, { apiUrl: '', backfillKey: '', backfillSecret: '', ...(clearsWebhookToo ? { webhookSecret: '' } : {}) });
    }
    const run = await this.runner.run('backfill', { replicator, settings, repository, organizationKey: organization.key }, { incremental: options.incremental });
    return stepResponse(run.step, run.settings, run.job);
  }
}
