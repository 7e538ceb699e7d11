import { BackfillJobBody } from '../http/wire-types';
import { formatSummary } from './backfill-summary';

const base: BackfillJobBody = { id: 'bfj_1', status: 'finished', started_at: '2026-12-02T10:00:00Z', finished_at: '2026-12-02T10:00:20Z', pages: 4, rows: 1000 };

describe('formatSummary', () => {
  it('reports rows, pages, duration and rate from the api clock', () => {
    expect(formatSummary(base, 99)).toBe('Backfill bfj_1 finished in 20s: 1,000 rows in 4 pages (50 rows/s).');
  });

  it('names the failure reason and what was stored', () => {
    expect(formatSummary({ ...base, status: 'failed', message: 'Backfill job bfj_1 failed: HTTP 401 from the provider.' }, 99)).toBe(
      'Backfill job bfj_1 failed: HTTP 401 from the provider (after 20s; 1,000 rows in 4 pages stored).',
    );
    expect(formatSummary({ ...base, status: 'failed' }, 99)).toBe('Backfill bfj_1 failed (after 20s; 1,000 rows in 4 pages stored).');
  });

  it('names the dependent that failed rather than its parent', () => {
    const child = { ...base, id: 'bfj_2', status: 'failed', message: 'Backfill job bfj_2 failed: HTTP 500', pages: 0, rows: 0 };
    const tree = { ...base, status: 'failed', message: 'Backfill job bfj_1 finished (4 pages, 1000 rows), but a job of its dependents failed.', children: [child] };
    expect(formatSummary(tree, 99).split('\n')[0]).toBe('Backfill job bfj_2 failed: HTTP 500 (after 20s; 1,000 rows in 4 pages stored).');
  });

  it('adds a line about dependents, and uses the local time when the api gave none', () => {
    const tree = { ...base, started_at: null, children: [{ ...base, id: 'bfj_2', rows: 10, pages: 1 }] };
    expect(formatSummary(tree, 5)).toBe('Backfill bfj_1 finished in 5s: 1,010 rows in 5 pages (202 rows/s).\nDependents: 1 jobs; 2 of 2 finished, 0 failed.');
  });
});
