import { AppError, SecretBox } from '@whdb/core';
import { BackfillJobRepository, Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { lookupIntegration } from '../integrations/integration-lookup';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { OrganizationRef } from '../organizations/organization-access';
import { BackfillJobResponse, loadBackfillJobResponse } from './backfill-job-response';

const NO_SUCH_JOB = 'There is no backfill job with that id.';

/**
 * `GET .../{sint}/backfill/job/{job_id}` (docs/behaviour/integrations-api.md#backfill-jobs): the job
 * with its progress and children. A job that does not exist, or belongs to another organization,
 * is a 403 (SPEC 8.3), so ids of other organizations cannot be probed.
 */
export class GetBackfillJobUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, ref: string, jobId: string): Promise<BackfillJobResponse> {
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    await lookupIntegration(repository, organization.id, ref, this.catalog);
    const job = /^bfj_[a-z0-9]{1,64}$/.test(jobId) ? await new BackfillJobRepository(this.dataSource).findByOpaqueId(jobId) : null;
    const owner = job ? await repository.findById(job.serviceIntegrationId) : null;
    if (!job || !owner || owner.organizationId !== organization.id) throw new AppError('forbidden', NO_SUCH_JOB);
    return loadBackfillJobResponse(this.dataSource, repository, job);
  }
}
