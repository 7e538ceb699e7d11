import { WireStep } from '@whdb/core/browser';
import { backfillJobPath } from './api-path';
import { SetupApi } from './api-session';
import { TerminalIo } from './terminal-io';

/** A backfill job as `GET .../backfill/job/{id}` answers it (CONTRACT; docs/behaviour/integrations-api.md#backfill-jobs). */
export interface BackfillJobBody {
  readonly id: string;
  readonly status: string;
  readonly pages?: number;
  readonly rows?: number;
  readonly message?: string;
  readonly children?: readonly BackfillJobBody[];
}

export interface FollowOptions {
  readonly intervalMs?: number;
  /** Stop following (the job goes on) after this long. */
  readonly timeoutMs?: number;
  readonly wait?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

const DONE = new Set(['finished', 'failed']);

/** Pages and rows of a job tree (the children are the dependents' jobs). */
export function treeTotals(job: BackfillJobBody): { pages: number; rows: number } {
  return (job.children ?? []).map(treeTotals).reduce((sum, child) => ({ pages: sum.pages + child.pages, rows: sum.rows + child.rows }), { pages: job.pages ?? 0, rows: job.rows ?? 0 });
}

export function progressLine(job: BackfillJobBody): string {
  const { pages, rows } = treeTotals(job);
  return `Backfill ${job.id}: ${job.status} · ${pages} ${pages === 1 ? 'page' : 'pages'} · ${rows} ${rows === 1 ? 'row' : 'rows'}`;
}

/**
 * Follows the first backfill of a completed backfill machine (the step's `backfill_job_id`;
 * docs/behaviour/state-machines.md#backfill-on-completion) until it finishes or fails, showing its
 * progress in one line. Returns the last job seen, or undefined when the step started none.
 */
export async function followBackfill(api: SetupApi, io: TerminalIo, org: string, step: WireStep, options: FollowOptions = {}): Promise<BackfillJobBody | undefined> {
  const jobId = step.backfill_job_id;
  const sint = step.service_integration?.opaque_id;
  if (!jobId || !sint) return undefined;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 15 * 60_000);
  let job = (await api.get(backfillJobPath(org, sint, jobId))) as BackfillJobBody;
  io.progress(progressLine(job));
  while (!DONE.has(job.status) && now() < deadline) {
    await wait(options.intervalMs ?? 1000);
    job = (await api.get(backfillJobPath(org, sint, jobId))) as BackfillJobBody;
    io.progress(progressLine(job));
  }
  if (job.status === 'finished') io.say(`Backfill ${job.id} finished.`, 'success');
  else if (job.status === 'failed') io.say(job.message ?? `Backfill ${job.id} failed.`, 'error');
  else io.say(`Backfill ${job.id} is still ${job.status}; follow it with: whdb backfill ${sint} --job ${job.id}`, 'notice');
  return job;
}
