import { TenantRateLimits } from './tenant-rate-limits';

describe('TenantRateLimits', () => {
  let now = 0;
  const at = () => now;

  beforeEach(() => (now = 0));

  it('refuses an integration beyond its own rate while its organization has room', () => {
    const limits = new TenantRateLimits({ perIntegration: 2, perOrganization: 100, burstSeconds: 1, now: at });
    expect(limits.admit('svi_a', 1)).toEqual({ ok: true });
    expect(limits.admit('svi_a', 1)).toEqual({ ok: true });
    expect(limits.admit('svi_a', 1)).toEqual({ ok: false, scope: 'integration', retryAfterSeconds: 1 });
    expect(limits.admit('svi_b', 1)).toEqual({ ok: true });
  });

  it('refuses every integration of an organization beyond the organization rate, and no other organization', () => {
    const limits = new TenantRateLimits({ perIntegration: 100, perOrganization: 3, burstSeconds: 1, now: at });
    expect(['svi_a', 'svi_b', 'svi_c'].map((id) => limits.admit(id, 1).ok)).toEqual([true, true, true]);
    expect(limits.admit('svi_d', 1)).toMatchObject({ ok: false, scope: 'organization' });
    expect(limits.admit('svi_x', 2)).toEqual({ ok: true });
  });

  it('spends no token of either limit on a refused webhook', () => {
    const limits = new TenantRateLimits({ perIntegration: 1, perOrganization: 2, burstSeconds: 1, now: at });
    expect(limits.admit('svi_a', 1).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(limits.admit('svi_a', 1).ok).toBe(false);
    // The organization still holds its second token: the refusals above did not spend it.
    expect(limits.admit('svi_b', 1).ok).toBe(true);
  });

  it('admits again once the buckets refill', () => {
    const limits = new TenantRateLimits({ perIntegration: 10, perOrganization: 10, burstSeconds: 1, now: at });
    for (let i = 0; i < 10; i++) limits.admit('svi_a', 1);
    expect(limits.admit('svi_a', 1).ok).toBe(false);
    now += 200;
    expect(limits.admit('svi_a', 1).ok).toBe(true);
  });

  it('limits nothing when both rates are 0', () => {
    const limits = new TenantRateLimits({ perIntegration: 0, perOrganization: 0, burstSeconds: 1, now: at });
    for (let i = 0; i < 1000; i++) expect(limits.admit('svi_a', 1).ok).toBe(true);
  });

  it('check looks without spending', () => {
    const limits = new TenantRateLimits({ perIntegration: 1, perOrganization: 1, burstSeconds: 1, now: at });
    for (let i = 0; i < 3; i++) expect(limits.check('svi_a', 1).ok).toBe(true);
    expect(limits.admit('svi_a', 1).ok).toBe(true);
    expect(limits.check('svi_a', 1)).toMatchObject({ ok: false });
  });
});
