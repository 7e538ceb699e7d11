import { TenantGate } from './tenant-gate';
import { TenantRateLimits } from './tenant-rate-limits';

const PREFIX = '/v1/service_integrations/';

describe('TenantGate', () => {
  const organizations = new Map([
    ['svi_noisy', 1],
    ['svi_quiet', 2],
  ]);
  let limits: TenantRateLimits;
  let gate: TenantGate;

  beforeEach(() => {
    limits = new TenantRateLimits({ perIntegration: 0, perOrganization: 1, burstSeconds: 1, now: () => 0 });
    gate = new TenantGate({ organizationOf: (id) => organizations.get(id), limits });
  });

  it('refuses a cached integration whose organization is over its rate, whatever follows the id', () => {
    limits.admit('svi_noisy', 1);
    for (const url of [`${PREFIX}svi_noisy`, `${PREFIX}svi_noisy/extra`, `${PREFIX}svi_noisy?x=1`]) {
      expect(gate.refusal(url, PREFIX)).toEqual({ ok: false, scope: 'organization', retryAfterSeconds: 1 });
    }
    expect(gate.refusal(`${PREFIX}svi_quiet`, PREFIX)).toBeNull();
  });

  it('only looks: letting a webhook through spends no token', () => {
    for (let i = 0; i < 5; i++) expect(gate.refusal(`${PREFIX}svi_noisy`, PREFIX)).toBeNull();
    expect(limits.admit('svi_noisy', 1).ok).toBe(true);
  });

  it('lets through what it cannot tell cheaply: an integration not cached, or an unusual id', () => {
    limits.admit('svi_noisy', 1);
    expect(gate.refusal(`${PREFIX}svi_unknown`, PREFIX)).toBeNull();
    expect(gate.refusal(`${PREFIX}svi%5Fnoisy`, PREFIX)).toBeNull();
    expect(gate.refusal(PREFIX, PREFIX)).toBeNull();
  });

  it("names a cached integration's organization, for the in-flight bound", () => {
    expect(gate.organization(`${PREFIX}svi_quiet/x`, PREFIX)).toBe('2');
    expect(gate.organization(`${PREFIX}svi_unknown`, PREFIX)).toBeUndefined();
  });
});
