import { numberOption, optionValue as value } from '../cli-options';

/** Command-line options of `npm run bench:channel` (docs/performance.md#channel-latency). */
export interface ChannelBenchOptions {
  /** Conversations started per second; each is one customer SMS and one agent reply. */
  readonly rate: number;
  /** Seconds of measured load. */
  readonly durationSeconds: number;
  /** Seconds of load before the measured window (not measured), so every process is warm. */
  readonly warmupSeconds: number;
  /** When set, every service writes a V8 CPU profile (`--cpu-prof`) into this directory. */
  readonly profileDir: string | undefined;
}

export function parseChannelBenchArgs(argv: readonly string[]): ChannelBenchOptions {
  return {
    rate: numberOption(value(argv, 'rate'), 'rate', 20, { min: 0.1 }),
    durationSeconds: numberOption(value(argv, 'duration'), 'duration', 30, { min: 1 }),
    warmupSeconds: numberOption(value(argv, 'warmup'), 'warmup', 5, { min: 0 }),
    profileDir: value(argv, 'profile'),
  };
}
