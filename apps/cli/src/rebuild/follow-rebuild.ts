import { formatCount, renderBar, rowsPerSecond, ProgressSample, RATE_WINDOW_MS } from '../backfill/backfill-progress';
import { OutputStream } from '../terminal/cli-io';

/** A rebuild as the api returns it (docs/api.md#rebuild-a-table-from-the-log). */
export interface RebuildBody {
  readonly id: string;
  readonly state: string;
  readonly service_integration?: { readonly opaque_id: string; readonly table_name: string };
  readonly build_table?: string;
  readonly old_table?: string | null;
  readonly events_read?: number;
  readonly events_skipped?: number;
  readonly rows_written?: number;
  readonly lag?: number | null;
  readonly error?: string | null;
  readonly message?: string;
}

const FINAL_STATES = new Set(['finished', 'failed']);

export function isFinalRebuild(rebuild: RebuildBody): boolean {
  return FINAL_STATES.has(rebuild.state);
}

/** `running  [bar] 40,000 events  40,000 rows  9,800 rows/s  lag 1,200`: the bar sweeps, the lag shrinks. */
export function formatRebuildLine(rebuild: RebuildBody, rate: number | null, tick: number): string {
  const fraction = rebuild.state === 'finished' ? 1 : null;
  const lag = rebuild.lag === null || rebuild.lag === undefined ? 'lag --' : `lag ${formatCount(rebuild.lag)}`;
  const perSecond = rate === null ? '-- rows/s' : `${formatCount(rate)} rows/s`;
  return `${rebuild.state.padEnd(8)} [${renderBar(fraction, tick)}] ${formatCount(rebuild.events_read ?? 0)} events  ${formatCount(rebuild.rows_written ?? 0)} rows  ${perSecond}  ${lag}`;
}

export interface FollowRebuildOptions {
  readonly fetch: () => Promise<RebuildBody>;
  readonly stream: OutputStream;
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Polls a rebuild until it is `finished` or `failed` (docs/cli.md#rebuild), drawing the progress
 * line in place on a terminal, or a line per state change elsewhere, as `whdb backfill --wait` does.
 */
export async function followRebuild(first: RebuildBody, options: FollowRebuildOptions): Promise<RebuildBody> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const live = Boolean(options.stream.isTTY);
  let samples: ProgressSample[] = [];
  let lastState = '';
  let rebuild = first;
  for (let tick = 0; ; tick += 1) {
    const atMs = now();
    samples = [...samples, { atMs, rows: rebuild.rows_written ?? 0, pages: 0 }].filter((sample) => atMs - sample.atMs <= 2 * RATE_WINDOW_MS);
    const line = formatRebuildLine(rebuild, rowsPerSecond(samples), tick);
    if (live) options.stream.write(`\r\u001b[2K${line}`);
    else if (rebuild.state !== lastState) options.stream.write(`${line}\n`);
    lastState = rebuild.state;
    if (isFinalRebuild(rebuild)) {
      if (live) options.stream.write('\n');
      return rebuild;
    }
    await sleep(options.intervalMs ?? 500);
    rebuild = await options.fetch();
  }
}
