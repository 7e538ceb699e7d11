/** Command-line options of `npm run bench` (see docs/performance.md). */
import { numberOption, optionValue as value } from './cli-options';

export interface BenchOptions {
  /** Webhooks per measured run, each for a new account (N). */
  readonly requests: number;
  /** Requests in flight; one set of runs per value. */
  readonly concurrencies: readonly number[];
  /** Measured runs per concurrency (the summary gives min / median / max). */
  readonly runs: number;
  /** Webhooks sent (not measured) before the runs of each concurrency, so every process is warm. */
  readonly warmup: number;
  /** When set, every service writes a V8 CPU profile (`--cpu-prof`) into this directory. */
  readonly profileDir: string | undefined;
  /** Extra `node` flags for every service, e.g. `--perf-basic-prof` for `perf record`. */
  readonly nodeFlags: readonly string[];
  /** `WHDB_INGRESS_MAX_IN_FLIGHT` for the ingress (0 = unbounded); unset keeps the ingress's default. */
  readonly maxInFlight: number | undefined;
  /** Every service exports its spans over OTLP/HTTP to a local sink (docs/performance.md#tracing). */
  readonly trace: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const concurrencies = (value(argv, 'concurrency') ?? '16,64').split(',').map((c) => numberOption(c.trim(), 'concurrency', 0, { min: 1, integer: true }));
  return {
    requests: numberOption(value(argv, 'requests'), 'requests', 20_000, { min: 1, integer: true }),
    concurrencies,
    runs: numberOption(value(argv, 'runs'), 'runs', 1, { min: 1, integer: true }),
    warmup: numberOption(value(argv, 'warmup'), 'warmup', 2_000, { min: 0, integer: true }),
    profileDir: value(argv, 'profile'),
    nodeFlags: (value(argv, 'node-flags') ?? '').split(' ').filter(Boolean),
    maxInFlight: value(argv, 'max-in-flight') === undefined ? undefined : numberOption(value(argv, 'max-in-flight'), 'max-in-flight', 0, { min: 0, integer: true }),
    trace: argv.includes('--trace'),
  };
}
