import { InFlightBound } from './in-flight-bound';

describe('InFlightBound', () => {
  it('admits up to its limit, then refuses until a slot is released', () => {
    const bound = new InFlightBound(2);
    const a = bound.tryEnter();
    const b = bound.tryEnter();
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(bound.tryEnter()).toBeNull();
    a!();
    expect(bound.current).toBe(1);
    expect(bound.tryEnter()).not.toBeNull();
  });

  it('counts a release once, however often it is called', () => {
    const bound = new InFlightBound(1);
    const release = bound.tryEnter()!;
    release();
    release();
    expect(bound.current).toBe(0);
    expect(bound.tryEnter()).not.toBeNull();
    expect(bound.tryEnter()).toBeNull();
  });

  it('never refuses when the limit is 0 (unbounded)', () => {
    const bound = new InFlightBound(0);
    for (let i = 0; i < 10_000; i++) expect(bound.tryEnter()).not.toBeNull();
    expect(bound.current).toBe(10_000);
  });

  it('rejects a negative or fractional limit', () => {
    expect(() => new InFlightBound(-1)).toThrow();
    expect(() => new InFlightBound(1.5)).toThrow();
  });
});
