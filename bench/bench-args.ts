/** Command-line options of `npm run bench` (see docs/performance.md). */
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

function value(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

function positiveInt(text: string | undefined, name: string, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer >= ${min}, got ${text}`);
  return parsed;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const concurrencies = (value(argv, 'concurrency') ?? '16,64').split(',').map((c) => positiveInt(c.trim(), 'concurrency', 0));
  return {
    requests: positiveInt(value(argv, 'requests'), 'requests', 20_000),
    concurrencies,
    runs: positiveInt(value(argv, 'runs'), 'runs', 1),
    warmup: positiveInt(value(argv, 'warmup'), 'warmup', 2_000, 0),
    profileDir: value(argv, 'profile'),
    nodeFlags: (value(argv, 'node-flags') ?? '').split(' ').filter(Boolean),
    maxInFlight: value(argv, 'max-in-flight') === undefined ? undefined : positiveInt(value(argv, 'max-in-flight'), 'max-in-flight', 0, 0),
    trace: argv.includes('--trace'),
  };
}
