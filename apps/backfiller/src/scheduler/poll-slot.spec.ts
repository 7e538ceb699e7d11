import { msUntilNextSlot, pollSlot } from './poll-slot';

describe('poll slots (docs/behaviour/backfill.md#scheduler)', () => {
  it('gives every instant of one interval the same slot, and the next interval the next one', () => {
    const interval = 60_000;
    expect(pollSlot(new Date(120_000), interval)).toBe(2);
    expect(pollSlot(new Date(179_999), interval)).toBe(2);
    expect(pollSlot(new Date(180_000), interval)).toBe(3);
  });

  it('waits until the start of the next slot', () => {
    expect(msUntilNextSlot(new Date(125_000), 60_000)).toBe(55_000);
    expect(msUntilNextSlot(new Date(180_000), 60_000)).toBe(60_000);
  });
});
