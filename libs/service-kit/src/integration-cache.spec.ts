import { IntegrationSettings } from '@whdb/core';
import { IntegrationCache, ResolvedIntegration } from './integration-cache';

function resolved(opaqueId: string, webhookSecret = 's'): ResolvedIntegration {
  const settings = { opaqueId, webhookSecret, serviceName: 'increase_account_v1' } as IntegrationSettings;
  return { settings, organizationKey: 'acme' };
}

describe('IntegrationCache', () => {
  it('reuses a hit until the TTL passes, then reads again', async () => {
    let secret = 'one';
    const load = jest.fn(async (id: string) => resolved(id, secret));
    const cache = new IntegrationCache(load, 1000); // long enough that a loaded CI machine cannot expire it between the first two reads
    expect((await cache.get('svi_a'))?.settings.webhookSecret).toBe('one');
    secret = 'two';
    expect((await cache.get('svi_a'))?.settings.webhookSecret).toBe('one');
    expect(load).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await cache.get('svi_a'))?.settings.webhookSecret).toBe('two');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never caches a miss, so a new integration is found at once', async () => {
    let exists = false;
    const cache = new IntegrationCache(async (id) => (exists ? resolved(id) : null), 60_000);
    expect(await cache.get('svi_new')).toBeNull();
    exists = true;
    expect(await cache.get('svi_new')).not.toBeNull();
  });

  it('shares one load between concurrent misses', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = jest.fn(async (id: string) => {
      await gate;
      return resolved(id);
    });
    const cache = new IntegrationCache(load, 1000);
    const both = Promise.all([cache.get('svi_x'), cache.get('svi_x')]);
    release();
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('evicts the oldest entry beyond its capacity', async () => {
    const load = jest.fn(async (id: string) => resolved(id));
    const cache = new IntegrationCache(load, 60_000, 2);
    await cache.get('svi_1');
    await cache.get('svi_2');
    await cache.get('svi_3');
    await cache.get('svi_1');
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('loads an entry again once it was forgotten', async () => {
    const load = jest.fn(async (id: string) => resolved(id));
    const cache = new IntegrationCache(load, 60_000);
    await cache.get('svi_1');
    await cache.get('svi_1');
    cache.forget('svi_1');
    await cache.get('svi_1');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
