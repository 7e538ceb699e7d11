import { BackfillJobBody } from '../http/wire-types';
import { OutputStream } from '../terminal/cli-io';
import { formatProgressLine, ProgressSample, RATE_WINDOW_MS, snapshot } from './backfill-progress';
import { isFinal } from './job-tree';

export const POLL_INTERVAL_MS = 500;

export interface FollowOptions {
  /** `GET .../backfill/job/{id}` (CONTRACT). */
  readonly fetchJob: () => Promise<BackfillJobBody>;
  readonly stream: OutputStream;
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls a backfill job until it is `finished` or `failed` (docs/cli.md#backfill). On a terminal
 * the progress line is redrawn in place; elsewhere (a pipe, a CI log) a line is written each time
 * the status changes. Returns the last job and the seconds spent following it.
 */
export async function followBackfillJob(first: BackfillJobBody, options: FollowOptions): Promise<{ job: BackfillJobBody; seconds: number }> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const live = Boolean(options.stream.isTTY);
  const startedMs = now();
  let samples: ProgressSample[] = [];
  let runningSinceMs: number | null = null;
  let lastStatus = '';
  let job = first;
  for (let tick = 0; ; tick += 1) {
    const atMs = now();
    const view = snapshot(job, samples, runningSinceMs, atMs);
    samples = [...samples, { atMs, rows: view.totals.rows, pages: view.totals.pages }].filter((sample) => atMs - sample.atMs <= 2 * RATE_WINDOW_MS);
    if (job.status !== 'pending' && runningSinceMs === null) runningSinceMs = atMs;
    const line = formatProgressLine(snapshot(job, samples, runningSinceMs, atMs), tick);
    if (live) options.stream.write(`\r\u001b[2K${line}`);
    else if (job.status !== lastStatus) options.stream.write(`${line}\n`);
    lastStatus = job.status;
    if (isFinal(job)) {
      if (live) options.stream.write('\n');
      return { job, seconds: (now() - startedMs) / 1000 };
    }
    await sleep(options.intervalMs ?? POLL_INTERVAL_MS);
    job = await options.fetchJob();
  }
}
