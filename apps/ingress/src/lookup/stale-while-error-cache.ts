import { AppError, isAppError } from '@whdb/core';

export interface StaleWhileErrorOptions {
  /** How long a hit is reused before it is read again (`WHDB_INTEGRATION_CACHE_SECONDS`); 0 reads every time. */
  readonly ttlMs: number;
  /** How old a hit may be and still answer while the read fails (`WHDB_INGRESS_STALE_CACHE_MAX_SECONDS`); 0 never. */
  readonly staleMaxMs: number;
  /** A read slower than this counts as failed (`WHDB_INGRESS_LOOKUP_TIMEOUT_MS`). */
  readonly loadTimeoutMs: number;
  /** After a failed read of a key, it is not read again for this long (stale answers, or the failure, are given at once). */
  readonly retryAfterFailureMs?: number;
  readonly maxEntries?: number;
  /** Called each time a stale value answers because its read failed. */
  readonly onStale?: (key: string, ageMs: number) => void;
  readonly now?: () => number;
}

interface Entry<T> {
  readonly value: T;
  readonly loadedAt: number;
}

/**
 * The ingress's integration lookup cache (docs/operations.md#postgres-down-at-the-ingress): like
 * `IntegrationCache` (hits only, shared concurrent reads, a changed secret applies within the TTL),
 * but when the read fails with an outage (a retriable `AppError`, or no answer within
 * `loadTimeoutMs`) a hit no older than `staleMaxMs` answers instead, so webhooks of an integration
 * already seen keep being verified and accepted while Postgres is away; Kafka buffers them. A key
 * never seen (or seen too long ago) gets the failure: the caller answers 503, not 400.
 */
export class StaleWhileErrorCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<T | null>>();
  private readonly failedUntil = new Map<string, { until: number; error: AppError }>();
  private readonly now: () => number;

  constructor(
    private readonly load: (key: string) => Promise<T | null>,
    private readonly options: StaleWhileErrorOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<T | null> {
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && this.options.ttlMs > 0 && now - cached.loadedAt < this.options.ttlMs) return cached.value;
    const failed = this.failedUntil.get(key);
    if (failed && failed.until > now) return this.staleOr(key, cached, failed.error, now);
    const pending = this.inflight.get(key) ?? this.startLoad(key);
    try {
      return await pending;
    } catch (error) {
      if (!isOutage(error)) throw error;
      return this.staleOr(key, this.entries.get(key), error, this.now());
    }
  }

  /**
   * Reads `key` again if its entry is at least `minAgeMs` old, and returns the fresh value; returns
   * `undefined` (nothing read) when the entry is younger, absent, or the read fails. The ingress
   * calls it when a signature does not verify against a cached secret that may have just changed
   * (docs/behaviour/webhooks.md#secret-changes): at most one read per key per `minAgeMs`, so a
   * flood of forged signatures cannot turn into a flood of Postgres reads.
   */
  async refresh(key: string, minAgeMs: number): Promise<T | null | undefined> {
    const cached = this.entries.get(key);
    if (!cached || this.now() - cached.loadedAt < minAgeMs) return undefined;
    try {
      return await (this.inflight.get(key) ?? this.startLoad(key));
    } catch {
      return undefined;
    }
  }

  /** The cached value of `key` whatever its age, without reading anything; `undefined` when none is cached. */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /** Drops the cached entry, so the next `get` reads it again. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  private startLoad(key: string): Promise<T | null> {
    const loading = withTimeout(this.load(key), this.options.loadTimeoutMs)
      .then(
        (value) => {
          this.failedUntil.delete(key);
          if (value === null) this.entries.delete(key);
          else this.remember(key, value);
          return value;
        },
        (error: unknown) => {
          if (isOutage(error)) this.failedUntil.set(key, { until: this.now() + (this.options.retryAfterFailureMs ?? 1000), error });
          throw error;
        },
      )
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, loading);
    return loading;
  }

  private staleOr(key: string, cached: Entry<T> | undefined, error: AppError, now: number): T {
    const ageMs = cached ? now - cached.loadedAt : Infinity;
    if (!cached || ageMs > this.options.staleMaxMs) throw error;
    this.options.onStale?.(key, ageMs);
    return cached.value;
  }

  private remember(key: string, value: T): void {
    this.entries.delete(key);
    if (this.entries.size >= (this.options.maxEntries ?? 10_000)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, loadedAt: this.now() });
    if (this.failedUntil.size > (this.options.maxEntries ?? 10_000)) this.failedUntil.clear();
  }
}

function isOutage(error: unknown): error is AppError {
  return isAppError(error) && error.retriable;
}

/** Rejects with a retriable `database_unavailable` when `promise` has not settled within `ms` (it keeps running). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('database_unavailable', `integration lookup took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
