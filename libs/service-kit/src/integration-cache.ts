import { IntegrationSettings } from '@whdb/core';

export interface ResolvedIntegration {
  readonly settings: IntegrationSettings;
  readonly organizationKey: string;
}

export type IntegrationLoader<T = ResolvedIntegration> = (opaqueId: string) => Promise<T | null>;

/**
 * A short-lived cache of a control-plane read done for every delivery or batch (the ingress's
 * integration settings, a projector's table). Only hits
 * are cached (an integration created a moment ago must be found at once); a changed secret takes
 * effect within `ttlMs`. Concurrent misses for the same id share one load.
 */
export class IntegrationCache<T = ResolvedIntegration> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private readonly inflight = new Map<string, Promise<T | null>>();

  constructor(
    private readonly load: IntegrationLoader<T>,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get(opaqueId: string): Promise<T | null> {
    const cached = this.entries.get(opaqueId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const pending = this.inflight.get(opaqueId);
    if (pending) return pending;
    const loading = this.load(opaqueId)
      .then((value) => {
        if (value && this.ttlMs > 0) this.remember(opaqueId, value);
        return value;
      })
      .finally(() => this.inflight.delete(opaqueId));
    this.inflight.set(opaqueId, loading);
    return loading;
  }

  /** Drops the cached entry, so the next `get` loads it again. */
  forget(opaqueId: string): void {
    this.entries.delete(opaqueId);
  }

  private remember(opaqueId: string, value: T): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(opaqueId);
    this.entries.set(opaqueId, { value, expiresAt: Date.now() + this.ttlMs });
  }
}
