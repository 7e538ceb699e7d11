import { BackfillJobBody } from '../http/wire-types';
import { followBackfillJob } from './follow-backfill-job';

function scripted(states: Partial<BackfillJobBody>[]) {
  const jobs = states.map((state): BackfillJobBody => ({ id: 'bfj_1', status: 'running', started_at: null, finished_at: null, pages: 0, rows: 0, ...state }));
  let index = 0;
  let clock = 0;
  return {
    first: jobs[0],
    fetchJob: async () => jobs[Math.min(++index, jobs.length - 1)],
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
    get fetched() {
      return index;
    },
  };
}

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (chunk: string) => chunks.push(chunk) }, chunks };
}

describe('followBackfillJob', () => {
  const states = [{ status: 'pending' }, { status: 'running', pages: 1, rows: 100 }, { status: 'running', pages: 2, rows: 200 }, { status: 'finished', pages: 3, rows: 250 }];

  it('polls until the job is final and redraws one line on a terminal', async () => {
    const script = scripted(states);
    const { stream, chunks } = recorder(true);
    const result = await followBackfillJob(script.first, { ...script, stream, intervalMs: 1000 });
    expect(result.job.status).toBe('finished');
    expect(result.seconds).toBe(3);
    expect(script.fetched).toBe(3);
    expect(chunks.filter((chunk) => chunk.startsWith('\r\u001b[2K'))).toHaveLength(4);
    expect(chunks.join('')).toContain('2 pages  200 rows  100 rows/s');
    expect(chunks[chunks.length - 1]).toBe('\n');
  });

  it('writes a line per status change when not on a terminal', async () => {
    const script = scripted(states);
    const { stream, chunks } = recorder(false);
    await followBackfillJob(script.first, { ...script, stream, intervalMs: 1000 });
    expect(chunks.map((chunk) => chunk.split(' ')[0])).toEqual(['pending', 'running', 'finished']);
  });

  it('stops at a failed job', async () => {
    const script = scripted([{ status: 'running' }, { status: 'failed', message: 'boom' }, { status: 'running' }]);
    const { stream } = recorder(false);
    expect((await followBackfillJob(script.first, { ...script, stream })).job.status).toBe('failed');
    expect(script.fetched).toBe(1);
  });
});
