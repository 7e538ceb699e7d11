import { TokenBuckets } from './token-buckets';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function takeAll(buckets: TokenBuckets, key: string, attempts: number): number {
  let passed = 0;
  for (let i = 0; i < attempts; i++) {
    if (buckets.check(key).ok) {
      buckets.take(key);
      passed++;
    }
  }
  return passed;
}

describe('TokenBuckets', () => {
  it('lets a burst of its capacity through, then refuses with the seconds until the next token', () => {
    const time = clock();
    const buckets = new TokenBuckets({ ratePerSecond: 2, capacity: 4, now: time.now });
    expect(takeAll(buckets, 'a', 10)).toBe(4);
    expect(buckets.check('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('refills at its rate, never beyond its capacity', () => {
    const time = clock();
    const buckets = new TokenBuckets({ ratePerSecond: 10, capacity: 5, now: time.now });
    takeAll(buckets, 'a', 5);
    time.advance(300);
    expect(takeAll(buckets, 'a', 10)).toBe(3);
    time.advance(60_000);
    expect(takeAll(buckets, 'a', 10)).toBe(5);
  });

  it('keeps one bucket per key', () => {
    const time = clock();
    const buckets = new TokenBuckets({ ratePerSecond: 1, capacity: 1, now: time.now });
    expect(takeAll(buckets, 'noisy', 5)).toBe(1);
    expect(takeAll(buckets, 'quiet', 1)).toBe(1);
  });

  it('asks for a longer wait when the rate is below one per second', () => {
    const time = clock();
    const buckets = new TokenBuckets({ ratePerSecond: 0.25, capacity: 1, now: time.now });
    takeAll(buckets, 'a', 1);
    expect(buckets.check('a')).toEqual({ ok: false, retryAfterSeconds: 4 });
  });

  it('never refuses when the rate is 0 (off)', () => {
    const buckets = new TokenBuckets({ ratePerSecond: 0, capacity: 1 });
    expect(takeAll(buckets, 'a', 1000)).toBe(1000);
  });

  it('stays bounded in memory: idle (full) buckets are dropped when the keys run over', () => {
    const time = clock();
    const buckets = new TokenBuckets({ ratePerSecond: 100, capacity: 1, maxKeys: 10, now: time.now });
    for (let i = 0; i < 50; i++) {
      takeAll(buckets, `k${i}`, 1);
      time.advance(20);
    }
    expect((buckets as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(10);
  });
});
