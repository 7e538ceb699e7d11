/** The answer of a rate limit: go, or wait this many whole seconds before the next try. */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export interface TokenBucketOptions {
  /** Sustained webhooks per second per key; 0 means unlimited. */
  readonly ratePerSecond: number;
  /** Tokens a full bucket holds (how large a burst passes at once); at least 1. */
  readonly capacity: number;
  /** Buckets kept before full (idle) ones are dropped. */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One token bucket per key (an integration, an organization), refilled continuously at
 * `ratePerSecond` up to `capacity`: a key may burst to `capacity`, then gets `ratePerSecond`
 * (docs/operations.md#noisy-tenant). `check` only looks; `take` spends one token, so a caller can
 * check several limits and spend only when all of them allow.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.ratePerSecond >= 0) || !(options.capacity >= 1)) throw new Error('a token bucket needs a rate >= 0 and a capacity >= 1');
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.ratePerSecond > 0;
  }

  check(key: string): RateDecision {
    if (!this.enabled) return { ok: true };
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.ratePerSecond)) };
  }

  take(key: string): void {
    if (!this.enabled) return;
    this.refilled(key).tokens -= 1;
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= (this.options.maxKeys ?? 100_000)) this.dropFullBuckets(now);
      bucket = { tokens: this.options.capacity, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + elapsedSeconds * this.options.ratePerSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  /** A full bucket is the same as no bucket: dropping it forgets nothing. */
  private dropFullBuckets(now: number): void {
    for (const [key, bucket] of this.buckets) {
      const tokens = bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * this.options.ratePerSecond;
      if (tokens >= this.options.capacity) this.buckets.delete(key);
    }
    // Still full of busy keys: start again rather than grow without bound (a brief extra allowance).
    if (this.buckets.size >= (this.options.maxKeys ?? 100_000)) this.buckets.clear();
  }
}
