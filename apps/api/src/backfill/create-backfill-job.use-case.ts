import { AppError, SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { lookupIntegration } from '../integrations/integration-lookup';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { SetupRunner } from '../integrations/setup-runner';
import { OrganizationRef } from '../organizations/organization-access';
import { BackfillJobOptions } from './backfill-job-enqueuer';
import { BackfillJobResponse, loadBackfillJobResponse } from './backfill-job-response';
import { assertBackfillSupported } from './backfill-not-supported';

/**
 * `POST .../{sint}/backfill/job {incremental?, criteria?, recursive?}`
 * (docs/behaviour/integrations-api.md#backfill-jobs): runs the backfill machine and, when it is
 * complete, creates and enqueues the job tree and answers with the job; when it is not, 409
 * `backfill_not_set_up`. `synchronous` (running the job inside the request) is not supported.
 */
export class CreateBackfillJobUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly runner: SetupRunner,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, ref: string, options: BackfillJobOptions): Promise<BackfillJobResponse> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const { replicator, settings } = await lookupIntegration(repository, organization.id, ref, this.catalog);
    assertBackfillSupported(replicator, settings);
    const run = await this.runner.run('backfill', { replicator, settings, repository, organizationKey: organization.key }, options);
    if (!run.job) {
      throw new AppError('backfill_not_set_up', `Sorry, this integration is not set up to backfill. Run "whdb backfill ${settings.opaqueId}" to finish setup.`);
    }
    return loadBackfillJobResponse(this.dataSource, repository, run.job);
  }
}
