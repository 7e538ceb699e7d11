import { BackfillJobBody } from '../http/wire-types';
import { FollowOptions, followWithProgressLine } from '../terminal/follow-with-progress-line';
import { formatProgressLine, ProgressSample, snapshot, withSample } from './backfill-progress';
import { isFinal } from './job-tree';

/**
 * Polls a backfill job until it is `finished` or `failed` (docs/cli.md#backfill), drawing its
 * progress line (pages, rows, rows/s, ETA). Returns the last job and the seconds spent following it.
 */
export async function followBackfillJob(first: BackfillJobBody, options: FollowOptions<BackfillJobBody>): Promise<{ job: BackfillJobBody; seconds: number }> {
  const now = options.now ?? Date.now;
  const startedMs = now();
  let samples: ProgressSample[] = [];
  let runningSinceMs: number | null = null;
  const lineAt = (job: BackfillJobBody, atMs: number, tick: number): string => {
    const totals = snapshot(job, samples, runningSinceMs, atMs).totals;
    samples = withSample(samples, { atMs, rows: totals.rows, pages: totals.pages });
    if (job.status !== 'pending' && runningSinceMs === null) runningSinceMs = atMs;
    return formatProgressLine(snapshot(job, samples, runningSinceMs, atMs), tick);
  };
  const job = await followWithProgressLine(first, { stateOf: (j) => j.status, isFinal, lineAt }, options);
  return { job, seconds: (now() - startedMs) / 1000 };
}
