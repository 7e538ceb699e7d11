import { pokeAfterEndedRuns } from './poke-after-ended-runs';

describe('pokeAfterEndedRuns (docs/behaviour/backfill.md#sweep)', () => {
  it('pokes the sweep after a run that ended', async () => {
    const pokes: string[] = [];
    const ran: number[] = [];
    await pokeAfterEndedRuns(async (jobId) => void ran.push(jobId), () => pokes.push('poke'))(7);
    expect(ran).toEqual([7]);
    expect(pokes).toEqual(['poke']);
  });

  it('does not poke after a crashed run (the interval retries it, never a hot loop), and rethrows', async () => {
    const pokes: string[] = [];
    const run = pokeAfterEndedRuns(() => Promise.reject(new Error('Cannot decrypt backfill_key')), () => pokes.push('poke'));
    await expect(run(7)).rejects.toThrow('Cannot decrypt backfill_key');
    expect(pokes).toEqual([]);
  });
});
