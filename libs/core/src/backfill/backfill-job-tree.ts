import { BackfillJobRecord, BackfillJobStatus } from './backfill-job';

/** A job with the jobs of its dependents (created with it, run after it). */
export interface BackfillJobTree {
  readonly job: BackfillJobRecord;
  readonly children: readonly BackfillJobTree[];
}

/** What users see of a whole tree: its status and, once nothing in it can change, when it ended. */
export interface BackfillJobTreeStatus {
  readonly status: BackfillJobStatus;
  readonly finishedAt: Date | null;
}

function latest(dates: readonly (Date | null)[]): Date | null {
  let max: Date | null = null;
  for (const date of dates) if (date && (!max || date > max)) max = date;
  return max;
}

/**
 * The status of a job as the api reports it (docs/behaviour/backfill.md#job-status):
 * - its own `pending`, `running` or `failed` status, when it is not finished itself (a failed job
 *   never enqueues its children, so they cannot change anything);
 * - once it is finished: `finished` when every descendant is finished too; `running` while any
 *   descendant is still pending or running (children are enqueued after their parent finishes);
 *   `failed` when every descendant has ended and one of them failed.
 * `finishedAt` is the latest finish time over the tree once it has ended (`finished` or `failed`),
 * else null.
 */
export function backfillJobTreeStatus(tree: BackfillJobTree): BackfillJobTreeStatus {
  const { job } = tree;
  if (job.status === 'failed') return { status: 'failed', finishedAt: job.finishedAt };
  if (job.status !== 'finished') return { status: job.status, finishedAt: null };
  const children = tree.children.map(backfillJobTreeStatus);
  if (children.some((child) => child.status === 'pending' || child.status === 'running')) return { status: 'running', finishedAt: null };
  const finishedAt = latest([job.finishedAt, ...children.map((child) => child.finishedAt)]);
  return { status: children.some((child) => child.status === 'failed') ? 'failed' : 'finished', finishedAt };
}
