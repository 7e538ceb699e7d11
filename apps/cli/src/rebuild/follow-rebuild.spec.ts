import { recordingStream, redraws, scriptedFollow } from '../testing/scripted-follow';
import { followRebuild, formatRebuildLine, RebuildBody } from './follow-rebuild';

const rebuild = (state: Partial<RebuildBody>): RebuildBody => ({ id: 'rbd_1', state: 'running', events_read: 0, rows_written: 0, lag: null, ...state });
const scripted = (states: Partial<RebuildBody>[]) => scriptedFollow(states.map(rebuild));

describe('followRebuild', () => {
  const states: Partial<RebuildBody>[] = [
    { state: 'pending' },
    { state: 'running', events_read: 1000, rows_written: 1000, lag: 9000 },
    { state: 'running', events_read: 3000, rows_written: 3000, lag: 7000 },
    { state: 'swapping', events_read: 9500, rows_written: 9500, lag: 500 },
    { state: 'finished', events_read: 10_000, rows_written: 10_000, lag: 0 },
  ];

  it('polls until the rebuild is final, redrawing one line with events, rows, rows/s and the lag on a terminal', async () => {
    const script = scripted(states);
    const { stream, chunks } = recordingStream(true);
    const last = await followRebuild(script.first, { ...script, stream, intervalMs: 1000 });
    expect(last.state).toBe('finished');
    expect(script.fetched).toBe(4);
    expect(redraws(chunks)).toHaveLength(5);
    expect(chunks.join('')).toContain('3,000 events  3,000 rows  1,500 rows/s  lag 7,000');
    expect(chunks[chunks.length - 1]).toBe('\n');
  });

  it('writes one line per state change when the output is not a terminal', async () => {
    const script = scripted(states);
    const { stream, chunks } = recordingStream(false);
    await followRebuild(script.first, { ...script, stream, intervalMs: 1000 });
    expect(chunks.map((chunk) => chunk.split(' ')[0])).toEqual(['pending', 'running', 'swapping', 'finished']);
  });

  it('fills the bar only when finished and says when the lag is not measured yet', () => {
    expect(formatRebuildLine({ id: 'rbd_1', state: 'pending', lag: null }, null, 0)).toContain('-- rows/s  lag --');
    expect(formatRebuildLine({ id: 'rbd_1', state: 'finished', rows_written: 5, lag: 0 }, null, 0)).toContain(`[${'█'.repeat(24)}]`);
  });
});
