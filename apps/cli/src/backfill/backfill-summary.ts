import { BackfillJobBody } from '../http/wire-types';
import { formatCount, formatDuration } from './backfill-progress';
import { failureReason, jobTreeTotals } from './job-tree';

/** Seconds between the job's `started_at` and `finished_at` (the api's clock), else `fallback`. */
export function jobSeconds(job: BackfillJobBody, fallbackSeconds: number): number {
  const started = job.started_at ? Date.parse(job.started_at) : NaN;
  const finished = job.finished_at ? Date.parse(job.finished_at) : NaN;
  return Number.isFinite(started) && Number.isFinite(finished) && finished >= started ? (finished - started) / 1000 : fallbackSeconds;
}

/** The lines printed once a followed backfill ends (docs/cli.md#backfill). */
export function formatSummary(job: BackfillJobBody, fallbackSeconds: number): string {
  const totals = jobTreeTotals(job);
  const seconds = jobSeconds(job, fallbackSeconds);
  const rate = seconds > 0 ? ` (${formatCount(totals.rows / seconds)} rows/s)` : '';
  const counts = `${formatCount(totals.rows)} rows in ${formatCount(totals.pages)} pages`;
  const lines =
    job.status === 'failed'
      ? [`${(failureReason(job) ?? `Backfill ${job.id} failed`).replace(/\.$/, '')} (after ${formatDuration(seconds)}; ${counts} stored).`]
      : [`Backfill ${job.id} ${job.status} in ${formatDuration(seconds)}: ${counts}${rate}.`];
  if (totals.jobs > 1) {
    lines.push(`Dependents: ${totals.jobs - 1} jobs; ${totals.finishedJobs} of ${totals.jobs} finished, ${totals.failedJobs} failed.`);
  }
  return lines.join('\n');
}
