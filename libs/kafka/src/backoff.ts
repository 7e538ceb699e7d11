/** Exponential backoff: the delays between attempts of a retried operation. */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  readonly initialMs: number;
  /** Upper bound of any delay. */
  readonly maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 = after the first failure): initialMs * 2^(attempt-1),
 * capped at maxMs. Deterministic; add jitter with `withJitter`.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy): number {
  const initial = Math.max(0, policy.initialMs);
  const max = Math.max(initial, policy.maxMs);
  if (!Number.isFinite(attempt) || attempt <= 1) return initial;
  // 2^exponent overflows to Infinity long before it matters; Math.min keeps the cap.
  const exponent = Math.min(attempt - 1, 1023);
  return Math.min(max, initial * 2 ** exponent);
}

/** Spreads `delayMs` uniformly over [delay*(1-ratio), delay*(1+ratio)] so that retrying clients do not march in step. */
export function withJitter(delayMs: number, ratio = 0.2, random: () => number = Math.random): number {
  const spread = delayMs * Math.min(Math.max(ratio, 0), 1);
  return Math.max(0, Math.round(delayMs - spread + random() * 2 * spread));
}

/** Resolves after `ms`, or early (to `false`) when `signal` aborts; resolves `true` when the full delay elapsed. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
