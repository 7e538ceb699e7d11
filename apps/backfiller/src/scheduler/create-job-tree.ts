import { BackfillJobRecord, IntegrationSettings } from '@whdb/core';
import { BackfillJobRepository, ServiceIntegrationRepository } from '@whdb/persistence';

/**
 * Creates a job for `root` and, recursively, one per dependent, children copying `incremental` and
 * `criteria` (SPEC 7.1 `create_recursive`; the api's BackfillJobEnqueuer builds the same tree). Pass
 * repositories bound to one transaction.
 */
export async function createJobTree(
  jobs: BackfillJobRepository,
  integrations: ServiceIntegrationRepository,
  root: IntegrationSettings,
  options: { readonly incremental: boolean; readonly criteria: Readonly<Record<string, unknown>> },
): Promise<BackfillJobRecord> {
  const job = await jobs.create({ serviceIntegrationId: root.id, incremental: options.incremental, criteria: options.criteria });
  const seen = new Set([root.id]);
  const grow = async (parent: BackfillJobRecord, integrationId: number): Promise<void> => {
    for (const dependent of await integrations.listDependents(integrationId)) {
      // Dependencies form a tree; a cycle (never created by the api) must not loop forever.
      if (seen.has(dependent.id)) continue;
      seen.add(dependent.id);
      const child = await jobs.create({ serviceIntegrationId: dependent.id, parentJobId: parent.id, incremental: parent.incremental, criteria: parent.criteria });
      await grow(child, dependent.id);
    }
  };
  await grow(job, root.id);
  return job;
}
