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

/** Why a job failed, when the api says (`error`, else `message`). */
export function failureReason(job: BackfillJobBody): string | undefined {
  for (const each of flattenJobTree(job)) {
    if (each.status !== 'failed') continue;
    const reason = (typeof each.error === 'string' && each.error) || (typeof each.message === 'string' && each.message);
    if (reason) return reason;
  }
  return undefined;
}
