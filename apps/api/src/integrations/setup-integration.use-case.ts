import { SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';
import { stepResponse } from './integration-summary';
import { SetupMachines } from './setup-machines';

/**
 * `POST .../{sint}/setup` shows the preferred setup machine; `.../reset` first clears the webhook
 * secret (and, for replicators without backfill, the backfill fields too:
 * docs/behaviour/state-machines.md#setup-and-reset).
 */
export class SetupIntegrationUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly machines: SetupMachines,
  ) {}

  async execute(organization: OrganizationRef, ref: string, options: { reset: boolean }): Promise<Record<string, unknown>> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const found = await lookupIntegration(repository, organization.id, ref);
    const { replicator } = found;
    let settings = found.settings;
    if (options.reset) {
      const clearsBackfillToo = !(replicator.descriptor.supportsWebhooks && replicator.descriptor.supportsBackfill);
      settings = await repository.updateSettings(settings.id, clearsBackfillToo ? { webhookSecret: '', apiUrl: '', backfillKey: '', backfillSecret: '' } : { webhookSecret: '' });
    }
    const { result, settings: current } = await this.machines.run(this.machines.preferred(replicator), replicator, settings, repository, organization.key);
    return stepResponse(result.step, current);
  }
}
