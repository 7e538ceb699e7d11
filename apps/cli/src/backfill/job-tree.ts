import { BackfillJobBody } from '../http/wire-types';

/** CONTRACT statuses of a backfill job; `finished` and `failed` are final. */
export const FINAL_JOB_STATUSES: ReadonlySet<string> = new Set(['finished', 'failed']);

export function isFinal(job: BackfillJobBody): boolean {
  return FINAL_JOB_STATUSES.has(job.status);
}

/** A job and its dependents' jobs (`children`, recursively), the job first. */
export function flattenJobTree(job: BackfillJobBody): BackfillJobBody[] {
  return [job, ...(Array.isArray(job.children) ? job.children.filter((child) => typeof child === 'object' && child !== null).flatMap(flattenJobTree) : [])];
}

export interface JobTreeTotals {
  readonly pages: number;
  readonly rows: number;
  readonly jobs: number;
  readonly finishedJobs: number;
  readonly failedJobs: number;
}

/** Pages and rows of the whole tree, and how many of its jobs are done. */
export function jobTreeTotals(job: BackfillJobBody): JobTreeTotals {
  const jobs = flattenJobTree(job);
  const count = (field: 'pages' | 'rows') => jobs.reduce((sum, each) => sum + (Number.isFinite(each[field]) ? Number(each[field]) : 0), 0);
  return {
    pages: count('pages'),
    rows: count('rows'),
    jobs: jobs.length,
    finishedJobs: jobs.filter((each) => each.status === 'finished').length,
    failedJobs: jobs.filter((each) => each.status === 'failed').length,
  };
}

/**
 * Why a job tree failed: the api's `message` of the deepest failed job (a job's status is its
 * subtree's, so a parent of a failed job is failed too; its own message only says a dependent
 * failed). Undefined when the api gave none.
 */
export function failureReason(job: BackfillJobBody): string | undefined {
  const failed = flattenJobTree(job).filter((each) => each.status === 'failed');
  const deepest = failed.find((each) => !(each.children ?? []).some((child) => child.status === 'failed')) ?? failed[0];
  return typeof deepest?.message === 'string' && deepest.message ? deepest.message : undefined;
}
