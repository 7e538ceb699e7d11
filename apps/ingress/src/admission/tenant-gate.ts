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
    const end = endOfId(url, prefix.length);
    const opaqueId = url.slice(prefix.length, end);
    if (!PLAIN_ID.test(opaqueId)) return null;
    const organizationId = this.deps.organizationOf(opaqueId);
    if (organizationId === undefined) return null;
    const decision = this.deps.limits.check(opaqueId, organizationId);
    return decision.ok ? null : decision;
  }
}

function endOfId(url: string, from: number): number {
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x2f /* / */ || c === 0x3f /* ? */) return i;
  }
  return url.length;
}
