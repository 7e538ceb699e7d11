import { BackfillJobBody } from '../http/wire-types';
import { formatDuration, formatProgressLine, renderBar, rowsPerSecond, snapshot } from './backfill-progress';

const job = (overrides: Partial<BackfillJobBody> = {}): BackfillJobBody => ({ id: 'bfj_1', status: 'running', started_at: null, finished_at: null, pages: 0, rows: 0, ...overrides });

describe('rowsPerSecond', () => {
  it('is unknown with fewer than two samples', () => {
    expect(rowsPerSecond([{ atMs: 0, rows: 10, pages: 1 }])).toBeNull();
  });

  it('uses the oldest sample within the last ten seconds', () => {
    const samples = [
      { atMs: 0, rows: 0, pages: 0 },
      { atMs: 5_000, rows: 100, pages: 1 },
      { atMs: 15_000, rows: 1_100, pages: 11 },
    ];
    expect(rowsPerSecond(samples)).toBeCloseTo(100);
  });
});

describe('snapshot', () => {
  it('sums pages and rows over the job tree and estimates the ETA from the jobs done', () => {
    const tree = job({ pages: 2, rows: 200, children: [job({ id: 'bfj_2', status: 'finished', pages: 3, rows: 300 }), job({ id: 'bfj_3', status: 'pending' })] });
    const view = snapshot(tree, [], 0, 10_000);
    expect(view.totals).toMatchObject({ pages: 5, rows: 500, jobs: 3, finishedJobs: 1 });
    expect(view.fraction).toBeCloseTo(1 / 3);
    expect(view.etaSeconds).toBeCloseTo(20);
  });

  it('has no ETA for a single running job, and a full bar once finished', () => {
    expect(snapshot(job(), [], 0, 10_000)).toMatchObject({ fraction: null, etaSeconds: null });
    expect(snapshot(job({ status: 'finished' }), [], 0, 10_000).fraction).toBe(1);
  });
});

describe('formatting', () => {
  it('formats durations', () => {
    expect(formatDuration(4.4)).toBe('4s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
  });

  it('draws a filled bar for a known share and a moving block otherwise', () => {
    expect(renderBar(0.5, 0, 10)).toBe('█████░░░░░');
    expect(renderBar(null, 0, 10)).not.toBe(renderBar(null, 1, 10));
    expect([...renderBar(null, 3, 10)]).toHaveLength(10);
  });

  it('shows status, pages, rows, rate and ETA on one line', () => {
    const line = formatProgressLine(snapshot(job({ pages: 12, rows: 3400 }), [{ atMs: 0, rows: 0, pages: 0 }, { atMs: 10_000, rows: 3400, pages: 12 }], 0, 10_000), 0);
    expect(line).toMatch(/^running +\[[█░]+\] 12 pages {2}3,400 rows {2}340 rows\/s {2}ETA --$/);
  });
});
