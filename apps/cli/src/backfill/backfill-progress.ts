import { BackfillJobBody } from '../http/wire-types';
import { JobTreeTotals, jobTreeTotals } from './job-tree';

/**
 * The numbers of the live progress bar (docs/cli.md#backfill): pages and rows from the job tree,
 * rows per second over the last seconds of polls, and an ETA. Providers do not say how many
 * resources they hold, so the ETA comes from the share of the job tree (the job and its
 * dependents' jobs) that is done; with a single job it is unknown until the job ends.
 */
export interface ProgressSample {
  readonly atMs: number;
  readonly rows: number;
  readonly pages: number;
}

export const RATE_WINDOW_MS = 10_000;

export interface ProgressSnapshot {
  readonly status: string;
  readonly totals: JobTreeTotals;
  readonly rowsPerSecond: number | null;
  /** Share of the job tree done (0..1), null when unknown. */
  readonly fraction: number | null;
  readonly etaSeconds: number | null;
}

/** The samples with `sample` added, keeping those the rate window can still use. */
export function withSample(samples: readonly ProgressSample[], sample: ProgressSample): ProgressSample[] {
  return [...samples, sample].filter((kept) => sample.atMs - kept.atMs <= 2 * RATE_WINDOW_MS);
}

/** Rows per second between the newest sample and the oldest one within the window. */
export function rowsPerSecond(samples: readonly ProgressSample[]): number | null {
  if (samples.length < 2) return null;
  const last = samples[samples.length - 1];
  const first = samples.find((sample) => last.atMs - sample.atMs <= RATE_WINDOW_MS && sample !== last) ?? samples[samples.length - 2];
  const seconds = (last.atMs - first.atMs) / 1000;
  return seconds > 0 ? Math.max(0, (last.rows - first.rows) / seconds) : null;
}

export function snapshot(job: BackfillJobBody, samples: readonly ProgressSample[], runningSinceMs: number | null, nowMs: number): ProgressSnapshot {
  const totals = jobTreeTotals(job);
  const done = totals.finishedJobs + totals.failedJobs;
  const fraction = job.status === 'finished' ? 1 : totals.jobs > 1 ? done / totals.jobs : null;
  let etaSeconds: number | null = null;
  if (fraction !== null && fraction > 0 && fraction < 1 && runningSinceMs !== null) {
    etaSeconds = ((nowMs - runningSinceMs) / 1000) * ((1 - fraction) / fraction);
  }
  return { status: job.status, totals, rowsPerSecond: rowsPerSecond(samples), fraction, etaSeconds };
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `12s`, `3m 05s`, `1h 02m`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

const BAR_WIDTH = 24;

/** The bar: filled to `fraction`, or a block sweeping back and forth while the share is unknown. */
export function renderBar(fraction: number | null, tick: number, width = BAR_WIDTH): string {
  if (fraction !== null) {
    const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
    return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  }
  const block = 4;
  const span = width - block;
  const position = span <= 0 ? 0 : Math.abs((tick % (2 * span)) - span);
  return `${'░'.repeat(span - position)}${'█'.repeat(block)}${'░'.repeat(position)}`;
}

/** One line: `running  [bar] 12 pages  3,400 rows  280 rows/s  ETA 0m 12s`. */
export function formatProgressLine(view: ProgressSnapshot, tick: number): string {
  const rate = view.rowsPerSecond === null ? '-- rows/s' : `${formatCount(view.rowsPerSecond)} rows/s`;
  const eta = view.etaSeconds === null ? 'ETA --' : `ETA ${formatDuration(view.etaSeconds)}`;
  const jobs = view.totals.jobs > 1 ? `  ${view.totals.finishedJobs + view.totals.failedJobs}/${view.totals.jobs} jobs` : '';
  return (
    `${view.status.padEnd(8)} [${renderBar(view.fraction, tick)}] ${formatCount(view.totals.pages)} pages  ` +
    `${formatCount(view.totals.rows)} rows  ${rate}  ${eta}${jobs}`
  );
}
