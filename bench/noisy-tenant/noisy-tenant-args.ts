import { envPairsOption, numberOption, optionValue as value } from '../cli-options';

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

export function parseNoisyTenantBenchArgs(argv: readonly string[]): NoisyTenantBenchOptions {
  return {
    rounds: numberOption(value(argv, 'rounds'), 'rounds', 3, { min: 1, integer: true }),
    quietPerPhase: numberOption(value(argv, 'quiet'), 'quiet', 200, { min: 10, integer: true }),
    quietGapMs: numberOption(value(argv, 'gap'), 'gap', 20, { min: 0, integer: true }),
    floodConcurrency: numberOption(value(argv, 'flood-concurrency'), 'flood-concurrency', 8, { min: 1, integer: true }),
    orgRate: numberOption(value(argv, 'org-rate'), 'org-rate', 50, { min: 1, integer: true }),
    ingressEnv: envPairsOption(argv, 'ingress-env'),
    profileDir: value(argv, 'profile'),
  };
}
