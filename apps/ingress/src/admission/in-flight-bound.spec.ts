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

  it("admits a tenant's few requests beyond a bound that another tenant filled, and not that other tenant's", () => {
    const bound = new InFlightBound(4, 2);
    for (let i = 0; i < 4; i++) expect(bound.tryEnter('noisy')).not.toBeNull();
    expect(bound.tryEnter('noisy')).toBeNull();
    expect(bound.tryEnter()).toBeNull();
    const quiet = [bound.tryEnter('quiet'), bound.tryEnter('quiet')];
    expect(quiet.every(Boolean)).toBe(true);
    expect(bound.tryEnter('quiet')).toBeNull();
    quiet[0]!();
    expect(bound.heldBy('quiet')).toBe(1);
    expect(bound.tryEnter('quiet')).not.toBeNull();
  });

  it('never admits more than twice the bound, however many tenants ask', () => {
    const bound = new InFlightBound(3, 2);
    let admitted = 0;
    for (let i = 0; i < 100; i++) if (bound.tryEnter(`tenant_${i}`)) admitted++;
    expect(admitted).toBe(6);
  });
});
