import { RecentKeys } from './recent-keys';

describe('RecentKeys', () => {
  it('remembers keys up to its capacity, forgetting the least recently added first', () => {
    const keys = new RecentKeys(2);
    keys.add('a');
    keys.add('b');
    keys.add('a'); // refreshed: b is now the oldest
    keys.add('c');
    expect([keys.has('a'), keys.has('b'), keys.has('c')]).toEqual([true, false, true]);
    expect(keys.size).toBe(2);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RecentKeys(0)).toThrow('positive integer');
    expect(() => new RecentKeys(1.5)).toThrow('positive integer');
  });
});
