import { formatCount, renderBar, rowsPerSecond, ProgressSample, withSample } from '../backfill/backfill-progress';
import { FollowOptions, followWithProgressLine } from '../terminal/follow-with-progress-line';

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

/**
 * Polls a rebuild until it is `finished` or `failed` (docs/cli.md#rebuild), drawing its progress
 * line (events, rows, rows/s, lag) as `whdb backfill --wait` draws a backfill's.
 */
export async function followRebuild(first: RebuildBody, options: FollowOptions<RebuildBody>): Promise<RebuildBody> {
  let samples: ProgressSample[] = [];
  const lineAt = (rebuild: RebuildBody, atMs: number, tick: number): string => {
    samples = withSample(samples, { atMs, rows: rebuild.rows_written ?? 0, pages: 0 });
    return formatRebuildLine(rebuild, rowsPerSecond(samples), tick);
  };
  return followWithProgressLine(first, { stateOf: (rebuild) => rebuild.state, isFinal: isFinalRebuild, lineAt }, options);
}
