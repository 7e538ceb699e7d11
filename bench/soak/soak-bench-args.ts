/** Command-line options of `npm run bench:soak` (docs/performance.md#soak). */
export interface SoakBenchOptions {
  /** How long the fixed-rate load runs (`--minutes`, default 20). */
  readonly minutes: number;
  /** Signed Increase webhooks per second (`--rate`, default 20). */
  readonly rate: number;
  /** Front replies (each an SMS at the SignalWire fake) per second (`--channel-rate`, default 1; 0 = no channel traffic). */
  readonly channelRate: number;
  /** Seconds between samples of RSS, CPU and consumer lag (`--sample-seconds`, default 30). */
  readonly sampleSeconds: number;
}

function value(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

function positive(text: string | undefined, name: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const parsed = Number(text);
  if (!Number.isFinite(parsed) || parsed < min || parsed > 10_000) throw new Error(`--${name} must be a number from ${min} to 10000, got ${text}`);
  return parsed;
}

export function parseSoakBenchArgs(argv: readonly string[]): SoakBenchOptions {
  return {
    minutes: positive(value(argv, 'minutes'), 'minutes', 20, 0.5),
    rate: positive(value(argv, 'rate'), 'rate', 20, 0.1),
    channelRate: positive(value(argv, 'channel-rate'), 'channel-rate', 1, 0),
    sampleSeconds: positive(value(argv, 'sample-seconds'), 'sample-seconds', 30, 1),
  };
}
