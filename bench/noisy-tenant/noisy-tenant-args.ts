/** Command-line options of `npm run bench:noisy-tenant` (docs/performance.md#noisy-tenant). */
export interface NoisyTenantBenchOptions {
  /** Rounds; each is one quiet-only phase then one flooded phase (alternating, so machine noise touches both). */
  readonly rounds: number;
  /** Webhooks the quiet organization sends per phase, one at a time. */
  readonly quietPerPhase: number;
  /** Milliseconds the quiet organization waits between its webhooks (its usual pace). */
  readonly quietGapMs: number;
  /** Keep-alive connections of the flood, each sending its next webhook as soon as the last is answered. */
  readonly floodConcurrency: number;
  /** `WHDB_INGRESS_RATE_LIMIT_PER_ORGANIZATION` (webhooks/s). */
  readonly orgRate: number;
  /** Extra environment of the ingress, `NAME=value` (repeatable), e.g. to turn a refusal policy off for a before/after. */
  readonly ingressEnv: Readonly<Record<string, string>>;
  /** When set, every service writes a V8 CPU profile (`--cpu-prof`) into this directory. */
  readonly profileDir: string | undefined;
}

function value(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

function positiveInt(text: string | undefined, name: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer >= ${min}, got ${text}`);
  return parsed;
}

function envPairs(argv: readonly string[]): Record<string, string> {
  const pairs: Record<string, string> = {};
  argv.forEach((arg, i) => {
    if (arg !== '--ingress-env') return;
    const [name, ...rest] = (argv[i + 1] ?? '').split('=');
    if (!name || rest.length === 0) throw new Error(`--ingress-env takes NAME=value, got ${argv[i + 1]}`);
    pairs[name] = rest.join('=');
  });
  return pairs;
}

export function parseNoisyTenantBenchArgs(argv: readonly string[]): NoisyTenantBenchOptions {
  return {
    rounds: positiveInt(value(argv, 'rounds'), 'rounds', 3, 1),
    quietPerPhase: positiveInt(value(argv, 'quiet'), 'quiet', 200, 10),
    quietGapMs: positiveInt(value(argv, 'gap'), 'gap', 20, 0),
    floodConcurrency: positiveInt(value(argv, 'flood-concurrency'), 'flood-concurrency', 8, 1),
    orgRate: positiveInt(value(argv, 'org-rate'), 'org-rate', 50, 1),
    ingressEnv: envPairs(argv),
    profileDir: value(argv, 'profile'),
  };
}
