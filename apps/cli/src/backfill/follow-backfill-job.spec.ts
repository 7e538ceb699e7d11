import { BackfillJobBody } from '../http/wire-types';
import { recordingStream, redraws, scriptedFollow } from '../testing/scripted-follow';
import { followBackfillJob } from './follow-backfill-job';

const job = (state: Partial<BackfillJobBody>): BackfillJobBody => ({ id: 'bfj_1', status: 'running', started_at: null, finished_at: null, pages: 0, rows: 0, ...state });
const scripted = (states: Partial<BackfillJobBody>[]) => scriptedFollow(states.map(job));

describe('followBackfillJob', () => {
  const states = [{ status: 'pending' }, { status: 'running', pages: 1, rows: 100 }, { status: 'running', pages: 2, rows: 200 }, { status: 'finished', pages: 3, rows: 250 }];

  it('polls until the job is final and redraws one line on a terminal', async () => {
    const script = scripted(states);
    const { stream, chunks } = recordingStream(true);
    const result = await followBackfillJob(script.first, { ...script, stream, intervalMs: 1000 });
    expect(result.job.status).toBe('finished');
    expect(result.seconds).toBe(3);
    expect(script.fetched).toBe(3);
    expect(redraws(chunks)).toHaveLength(4);
    expect(chunks.join('')).toContain('2 pages  200 rows  100 rows/s');
    expect(chunks[chunks.length - 1]).toBe('\n');
  });

  it('writes a line per status change when not on a terminal', async () => {
    const script = scripted(states);
    const { stream, chunks } = recordingStream(false);
    await followBackfillJob(script.first, { ...script, stream, intervalMs: 1000 });
    expect(chunks.map((chunk) => chunk.split(' ')[0])).toEqual(['pending', 'running', 'finished']);
  });

  it('stops at a failed job', async () => {
    const script = scripted([{ status: 'running' }, { status: 'failed', message: 'boom' }, { status: 'running' }]);
    const { stream } = recordingStream(false);
    expect((await followBackfillJob(script.first, { ...script, stream })).job.status).toBe('failed');
    expect(script.fetched).toBe(1);
  });
});
