import { BackfillJobRecord, backfillJobTreeStatus, BackfillJobTree, IntegrationSettings } from '@whdb/core';
import { BackfillJobRepository, Db, ServiceIntegrationRepository } from '@whdb/persistence';
import { IntegrationSummary, summarize } from '../integrations/integration-summary';

/**
 * A job as the api returns it (CONTRACT; docs/behaviour/integrations-api.md#backfill-jobs): the
 * tree's status and finish time, the job's own progress and cursor, its integration and its
 * children (the jobs of the integration's dependents), recursively.
 */
export interface BackfillJobResponse {
  readonly id: string;
  readonly status: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly pages: number;
  readonly rows: number;
  readonly cursor: string | null;
  readonly incremental: boolean;
  readonly criteria: Readonly<Record<string, unknown>>;
  readonly service_integration: IntegrationSummary;
  readonly message: string;
  readonly children: readonly BackfillJobResponse[];
}

function describe(tree: BackfillJobTree, status: string): string {
  const { job } = tree;
  const progress = `${job.pages} pages, ${job.rows} rows`;
  switch (status) {
    case 'pending':
      return `Backfill job ${job.opaqueId} is waiting for a backfiller.`;
    case 'running':
      return job.status === 'finished' ? `Backfill job ${job.opaqueId} finished (${progress}); the jobs of its dependents are still running.` : `Backfill job ${job.opaqueId} is running: ${progress} so far.`;
    case 'finished':
      return `Backfill job ${job.opaqueId} finished: ${progress}.`;
    default:
      return job.status === 'failed' ? `Backfill job ${job.opaqueId} failed: ${job.error ?? 'no reason recorded'}` : `Backfill job ${job.opaqueId} finished (${progress}), but a job of its dependents failed.`;
  }
}

function toResponse(tree: BackfillJobTree, integrations: ReadonlyMap<number, IntegrationSettings>): BackfillJobResponse {
  const { job } = tree;
  const { status, finishedAt } = backfillJobTreeStatus(tree);
  const settings = integrations.get(job.serviceIntegrationId);
  return {
    id: job.opaqueId,
    status,
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: finishedAt?.toISOString() ?? null,
    pages: job.pages,
    rows: job.rows,
    cursor: job.cursor,
    incremental: job.incremental,
    criteria: job.criteria,
    service_integration: settings ? summarize(settings) : { opaque_id: '', service_name: '', table_name: '' },
    message: describe(tree, status),
    children: tree.children.map((child) => toResponse(child, integrations)),
  };
}

/** Builds the tree under `records[0]` from the flat subtree (`BackfillJobRepository.subtreeOf`). */
function buildTree(records: readonly BackfillJobRecord[]): BackfillJobTree {
  const byParent = new Map<number, BackfillJobRecord[]>();
  for (const record of records.slice(1)) {
    const siblings = byParent.get(record.parentJobId ?? -1) ?? [];
    siblings.push(record);
    byParent.set(record.parentJobId ?? -1, siblings);
  }
  const grow = (job: BackfillJobRecord): BackfillJobTree => ({ job, children: (byParent.get(job.id) ?? []).map(grow) });
  return grow(records[0]!);
}

/** Reads a job's subtree and the integrations it touches, and shapes the response. */
export async function loadBackfillJobResponse(db: Db, integrations: ServiceIntegrationRepository, job: BackfillJobRecord): Promise<BackfillJobResponse> {
  const records = await new BackfillJobRepository(db).subtreeOf(job.id);
  const ids = [...new Set(records.map((record) => record.serviceIntegrationId))];
  const settings = await Promise.all(ids.map((id) => integrations.findById(id)));
  const byId = new Map(settings.filter((s): s is IntegrationSettings => s !== null).map((s) => [s.id, s]));
  return toResponse(buildTree(records.length > 0 ? records : [job]), byId);
}
