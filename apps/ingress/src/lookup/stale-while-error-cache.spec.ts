import { AppError } from '@whdb/core';
import { StaleWhileErrorCache } from './stale-while-error-cache';

const down = () => new AppError('database_unavailable', 'Database unavailable: connect ECONNREFUSED');

/** A loader whose answer the test sets, and a clock the test moves. */
function setup(options: { ttlMs?: number; staleMaxMs?: number; loadTimeoutMs?: number } = {}) {
  let now = 1_000_000;
  let answer: () => Promise<string | null> = async () => 'v1';
  const load = jest.fn((_key: string) => answer());
  const stale: number[] = [];
  const cache = new StaleWhileErrorCache<string>(load, {
    ttlMs: options.ttlMs ?? 5_000,
    staleMaxMs: options.staleMaxMs ?? 60_000,
    loadTimeoutMs: options.loadTimeoutMs ?? 1_000,
    retryAfterFailureMs: 1_000,
    onStale: (_key, ageMs) => stale.push(ageMs),
    now: () => now,
  });
  return {
    cache,
    load,
    stale,
    answer: (next: () => Promise<string | null>) => (answer = next),
    advance: (ms: number) => (now += ms),
  };
}

describe('StaleWhileErrorCache', () => {
  it('reuses a hit within the TTL and reads again after it', async () => {
    const t = setup();
    expect(await t.cache.get('svi_a')).toBe('v1');
    t.answer(async () => 'v2');
    expect(await t.cache.get('svi_a')).toBe('v1');
    t.advance(5_001);
    expect(await t.cache.get('svi_a')).toBe('v2');
    expect(t.load).toHaveBeenCalledTimes(2);
  });

  it('answers with the last hit while the read fails with an outage, within the stale bound', async () => {
    const t = setup();
    await t.cache.get('svi_a');
    t.answer(async () => Promise.reject(down()));
    t.advance(30_000);
    expect(await t.cache.get('svi_a')).toBe('v1');
    expect(t.stale).toEqual([30_000]);
  });

  it('gives the outage once the hit is older than the stale bound', async () => {
    const t = setup({ staleMaxMs: 10_000 });
    await t.cache.get('svi_a');
    t.answer(async () => Promise.reject(down()));
    t.advance(10_001);
    await expect(t.cache.get('svi_a')).rejects.toMatchObject({ code: 'database_unavailable', retriable: true });
  });

  it('gives the outage for a key never seen (the caller answers 503, not 400)', async () => {
    const t = setup();
    t.answer(async () => Promise.reject(down()));
    await expect(t.cache.get('svi_new')).rejects.toMatchObject({ retriable: true });
  });

  it('treats a read without an answer within the timeout as an outage', async () => {
    const t = setup({ loadTimeoutMs: 20 });
    await t.cache.get('svi_a');
    t.advance(6_000);
    t.answer(() => new Promise(() => undefined));
    expect(await t.cache.get('svi_a')).toBe('v1');
    await expect(t.cache.get('svi_b')).rejects.toMatchObject({ code: 'database_unavailable' });
  });

  it('does not read a failed key again for a moment, then does', async () => {
    const t = setup();
    await t.cache.get('svi_a');
    t.advance(6_000);
    t.answer(async () => Promise.reject(down()));
    await t.cache.get('svi_a');
    await t.cache.get('svi_a');
    expect(t.load).toHaveBeenCalledTimes(2);
    t.answer(async () => 'v2');
    t.advance(1_001);
    expect(await t.cache.get('svi_a')).toBe('v2');
  });

  it('serves stale even with the TTL at 0 (every read goes to Postgres while it answers)', async () => {
    const t = setup({ ttlMs: 0 });
    await t.cache.get('svi_a');
    await t.cache.get('svi_a');
    expect(t.load).toHaveBeenCalledTimes(2);
    t.answer(async () => Promise.reject(down()));
    expect(await t.cache.get('svi_a')).toBe('v1');
  });

  it('forgets a key that no longer exists, and never answers stale for it', async () => {
    const t = setup();
    await t.cache.get('svi_a');
    t.advance(6_000);
    t.answer(async () => null);
    expect(await t.cache.get('svi_a')).toBeNull();
    t.answer(async () => Promise.reject(down()));
    await expect(t.cache.get('svi_a')).rejects.toMatchObject({ retriable: true });
  });

  it('lets a final error (a bug, bad data) through without serving stale', async () => {
    const t = setup();
    await t.cache.get('svi_a');
    t.advance(6_000);
    t.answer(async () => Promise.reject(new AppError('invariant_violated', 'broken')));
    await expect(t.cache.get('svi_a')).rejects.toMatchObject({ code: 'invariant_violated' });
  });

  it('refreshes an entry at least minAgeMs old, at most once per minAgeMs, and never on a failed read', async () => {
    const t = setup();
    expect(await t.cache.refresh('svi_a', 1_000)).toBeUndefined(); // nothing cached: nothing to re-check
    await t.cache.get('svi_a');
    t.answer(async () => 'v2');
    expect(await t.cache.refresh('svi_a', 1_000)).toBeUndefined(); // too young
    t.advance(1_000);
    expect(await t.cache.refresh('svi_a', 1_000)).toBe('v2');
    expect(await t.cache.refresh('svi_a', 1_000)).toBeUndefined();
    expect(await t.cache.get('svi_a')).toBe('v2');
    expect(t.load).toHaveBeenCalledTimes(2);
    t.advance(1_000);
    t.answer(async () => Promise.reject(down()));
    expect(await t.cache.refresh('svi_a', 1_000)).toBeUndefined();
    expect(await t.cache.get('svi_a')).toBe('v2');
  });

  it('peek gives a cached value whatever its age, and never reads', async () => {
    const t = setup();
    expect(t.cache.peek('svi_a')).toBeUndefined();
    await t.cache.get('svi_a');
    t.advance(10 * 60_000);
    expect(t.cache.peek('svi_a')).toBe('v1');
    expect(t.load).toHaveBeenCalledTimes(1);
  });
});
