import { backoffDelayMs, sleep, withJitter } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { initialMs: 200, maxMs: 30_000 };

  it('doubles from the initial delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => backoffDelayMs(attempt, policy))).toEqual([
      200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000,
    ]);
    expect(backoffDelayMs(10_000, policy)).toBe(30_000);
    expect(backoffDelayMs(Number.POSITIVE_INFINITY, policy)).toBe(200);
  });

  it('treats attempt 0 or less as the first', () => {
    expect(backoffDelayMs(0, policy)).toBe(200);
    expect(backoffDelayMs(-3, policy)).toBe(200);
  });

  it('never goes below the initial delay when the cap is smaller', () => {
    expect(backoffDelayMs(5, { initialMs: 500, maxMs: 100 })).toBe(500);
  });
});

describe('withJitter', () => {
  it('spreads the delay within the ratio', () => {
    expect(withJitter(1000, 0.2, () => 0)).toBe(800);
    expect(withJitter(1000, 0.2, () => 0.5)).toBe(1000);
    expect(withJitter(1000, 0.2, () => 1)).toBe(1200);
    expect(withJitter(1000, 0, () => 1)).toBe(1000);
  });
});

describe('sleep', () => {
  it('wakes up early when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleep(10_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(sleep(10_000, controller.signal)).resolves.toBe(false);
  });

  it('resolves true after the delay', async () => {
    await expect(sleep(5)).resolves.toBe(true);
  });
});
