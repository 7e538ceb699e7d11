import { numberOption, optionValue as value } from '../cli-options';

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

export function parseSoakBenchArgs(argv: readonly string[]): SoakBenchOptions {
  return {
    minutes: numberOption(value(argv, 'minutes'), 'minutes', 20, { min: 0.5, max: 10_000 }),
    rate: numberOption(value(argv, 'rate'), 'rate', 20, { min: 0.1, max: 10_000 }),
    channelRate: numberOption(value(argv, 'channel-rate'), 'channel-rate', 1, { min: 0, max: 10_000 }),
    sampleSeconds: numberOption(value(argv, 'sample-seconds'), 'sample-seconds', 30, { min: 1, max: 10_000 }),
  };
}
