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

function value(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

function positive(text: string | undefined, name: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const parsed = Number(text);
  if (!Number.isFinite(parsed) || parsed < min) throw new Error(`--${name} must be a number >= ${min}, got ${text}`);
  return parsed;
}

export function parseChannelBenchArgs(argv: readonly string[]): ChannelBenchOptions {
  return {
    rate: positive(value(argv, 'rate'), 'rate', 20, 0.1),
    durationSeconds: positive(value(argv, 'duration'), 'duration', 30, 1),
    warmupSeconds: positive(value(argv, 'warmup'), 'warmup', 5, 0),
    profileDir: value(argv, 'profile'),
  };
}
