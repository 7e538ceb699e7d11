import { TenantLimitDecision } from './tenant-rate-limits';

type Refusal = Extract<TenantLimitDecision, { ok: false }>;

export interface TenantGateDependencies {
  /** The organization of an integration already looked up (any age: it never changes), without a read; `undefined` when not cached. */
  readonly organizationOf: (opaqueId: string) => number | undefined;
  readonly limits: { check(opaqueId: string, organizationId: number): TenantLimitDecision };
}

/** `svi_` + base36 and the like; an id with escapes or anything unusual is left to the full path. */
const PLAIN_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * The ingress's first look at a webhook (docs/operations.md#noisy-tenant): from the URL alone and
 * the lookup cache, is its integration or organization over its rate? Only looks (spends no
 * token), so a webhook it lets through is still counted once verified, and one it refuses never
 * has its body parsed, its headers copied or its signature computed. A webhook whose integration is
 * not cached yet passes: the use case checks it again after its lookup.
 */
export class TenantGate {
  constructor(private readonly deps: TenantGateDependencies) {}

  refusal(url: string, prefix: string): Refusal | null {
    const opaqueId = plainId(url, prefix);
    const organizationId = opaqueId === undefined ? undefined : this.deps.organizationOf(opaqueId);
    if (organizationId === undefined) return null;
    const decision = this.deps.limits.check(opaqueId!, organizationId);
    return decision.ok ? null : decision;
  }

  /** The organization of the webhook at `url`, when its integration is cached (the in-flight bound's tenant). */
  organization(url: string, prefix: string): string | undefined {
    const opaqueId = plainId(url, prefix);
    const organizationId = opaqueId === undefined ? undefined : this.deps.organizationOf(opaqueId);
    return organizationId === undefined ? undefined : String(organizationId);
  }
}

function plainId(url: string, prefix: string): string | undefined {
  const opaqueId = url.slice(prefix.length, endOfId(url, prefix.length));
  return PLAIN_ID.test(opaqueId) ? opaqueId : undefined;
}

function endOfId(url: string, from: number): number {
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x2f /* / */ || c === 0x3f /* ? */) return i;
  }
  return url.length;
}
