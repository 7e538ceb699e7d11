import { TokenBuckets } from './token-buckets';

export interface TenantRateLimitSettings {
  /** `WHDB_INGRESS_RATE_LIMIT_PER_INTEGRATION`: webhooks/s per integration; 0 = off. */
  readonly perIntegration: number;
  /** `WHDB_INGRESS_RATE_LIMIT_PER_ORGANIZATION`: webhooks/s per organization (all its integrations); 0 = off. */
  readonly perOrganization: number;
  /** `WHDB_INGRESS_RATE_LIMIT_BURST_SECONDS`: a bucket holds this many seconds of its rate. */
  readonly burstSeconds: number;
  readonly now?: () => number;
}

export type TenantLimitDecision = { readonly ok: true } | { readonly ok: false; readonly scope: 'integration' | 'organization'; readonly retryAfterSeconds: number };

/**
 * Per-tenant rate limits of the ingress (docs/operations.md#noisy-tenant): one token bucket per
 * integration and one per organization. A webhook passes only when both have a token, and then
 * spends one of each; otherwise it is refused with the wait of the tighter one. Limits are per
 * ingress replica.
 */
export class TenantRateLimits {
  private readonly integrations: TokenBuckets;
  private readonly organizations: TokenBuckets;

  constructor(settings: TenantRateLimitSettings) {
    const bucket = (rate: number) => new TokenBuckets({ ratePerSecond: rate, capacity: Math.max(1, Math.ceil(rate * settings.burstSeconds)), now: settings.now });
    this.integrations = bucket(settings.perIntegration);
    this.organizations = bucket(settings.perOrganization);
  }

  /** Whether both buckets have a token, without spending any (a refusal this cheap is what a flood gets). */
  check(opaqueId: string, organizationId: number): TenantLimitDecision {
    const integration = this.integrations.check(opaqueId);
    const organization = this.organizations.check(String(organizationId));
    if (integration.ok && organization.ok) return { ok: true };
    const wait = (decision: typeof integration) => (decision.ok ? 0 : decision.retryAfterSeconds);
    const scope = !organization.ok && wait(organization) >= wait(integration) ? 'organization' : 'integration';
    return { ok: false, scope, retryAfterSeconds: Math.max(wait(integration), wait(organization)) };
  }

  /** `check`, then spends one token of each bucket when it allows. */
  admit(opaqueId: string, organizationId: number): TenantLimitDecision {
    const decision = this.check(opaqueId, organizationId);
    if (decision.ok) {
      this.integrations.take(opaqueId);
      this.organizations.take(String(organizationId));
    }
    return decision;
  }
}
