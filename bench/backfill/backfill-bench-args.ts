/** Command-line options of `npm run bench:backfill` (docs/performance.md#backfill). */
import { numberOption, optionValue as value } from '../cli-options';

export interface BackfillBenchOptions {
  /** History sizes, one backfill (on a fresh stack) each: `--messages N`, or 10,000 then 100,000 with `--compare`. */
  readonly sizes: readonly number[];
  /** Messages per page the SignalWire fake serves (`--page-size`, default 100 as the replicator asks). */
  readonly pageSize: number;
  /** When set, the backfiller alone runs with `--max-old-space-size=N` (NODE_OPTIONS): finishing under a small cap shows its memory is bounded. */
  readonly backfillerHeapMiB: number | undefined;
  /** When set, every service writes a V8 CPU profile (`--cpu-prof`) into this directory. */
  readonly profileDir: string | undefined;
}

export const COMPARE_SIZES: readonly number[] = [10_000, 100_000];

export function parseBackfillBenchArgs(argv: readonly string[]): BackfillBenchOptions {
  const compare = argv.includes('--compare');
  if (compare && value(argv, 'messages') !== undefined) throw new Error('--compare runs 10,000 then 100,000 messages; leave --messages out');
  return {
    sizes: compare ? COMPARE_SIZES : [numberOption(value(argv, 'messages'), 'messages', 100_000, { min: 1, integer: true })],
    // SignalWire serves at most 1,000 per page (docs/replicators/signalwire_message_v1.md#provider-api).
    pageSize: numberOption(value(argv, 'page-size'), 'page-size', 100, { min: 1, max: 1000, integer: true }),
    backfillerHeapMiB: value(argv, 'backfiller-heap-mib') === undefined ? undefined : numberOption(value(argv, 'backfiller-heap-mib'), 'backfiller-heap-mib', 0, { min: 1, max: 65_536, integer: true }),
    profileDir: value(argv, 'profile'),
  };
}
