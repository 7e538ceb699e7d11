/**
 * How many webhook requests the ingress works on at once (`WHDB_INGRESS_MAX_IN_FLIGHT`,
 * docs/operations.md#overload). Beyond it a request is shed at once (503 + Retry-After) instead of
 * queueing behind the others: what is accepted keeps its latency, and a shed request was never
 * published, so the provider's retry is the only copy. 0 means unbounded.
 *
 * Fair between tenants (docs/operations.md#noisy-tenant): a request that names its tenant (its
 * organization) and finds the bound full is still admitted while its tenant holds fewer than
 * `tenantAllowance` slots, up to twice the limit in all. So a tenant whose flood fills the bound
 * cannot shed another tenant's few requests; alone, a tenant sees the plain bound.
 */
export class InFlightBound {
  private inFlight = 0;
  private readonly perTenant = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly tenantAllowance = 0,
  ) {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`the in-flight bound must be an integer >= 0, got ${limit}`);
    if (!Number.isInteger(tenantAllowance) || tenantAllowance < 0) throw new Error(`the tenant allowance must be an integer >= 0, got ${tenantAllowance}`);
  }

  get current(): number {
    return this.inFlight;
  }

  /** Slots `tenant` holds now. */
  heldBy(tenant: string): number {
    return this.perTenant.get(tenant) ?? 0;
  }

  /** Takes a slot and returns its release (idempotent), or null when every slot is taken. */
  tryEnter(tenant?: string): (() => void) | null {
    if (this.limit > 0 && this.inFlight >= this.limit && !this.allowed(tenant)) return null;
    this.inFlight += 1;
    if (tenant !== undefined) this.perTenant.set(tenant, this.heldBy(tenant) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (tenant === undefined) return;
      const left = this.heldBy(tenant) - 1;
      if (left > 0) this.perTenant.set(tenant, left);
      else this.perTenant.delete(tenant);
    };
  }

  private allowed(tenant: string | undefined): boolean {
    return tenant !== undefined && this.heldBy(tenant) < this.tenantAllowance && this.inFlight < 2 * this.limit;
  }
}
