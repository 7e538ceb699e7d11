/**
 * The interval slot of an instant (docs/behaviour/backfill.md#scheduler): slot n covers
 * [n * interval, (n + 1) * interval) since the epoch. Every backfiller computes the same slot for the
 * same moment, so "one job per integration per slot" means one poll per interval however many run.
 */
export function pollSlot(now: Date, intervalMs: number): number {
  return Math.floor(now.getTime() / intervalMs);
}

/** Milliseconds from `now` to the start of the next slot (the schedulers' timers are aligned on them). */
export function msUntilNextSlot(now: Date, intervalMs: number): number {
  return intervalMs - (now.getTime() % intervalMs);
}
