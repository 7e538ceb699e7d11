import { BackfillJobBody } from '../http/wire-types';
import { formatSummary } from './backfill-summary';

const base: BackfillJobBody = { id: 'bfj_1', status: 'finished', started_at: '2026-12-02T10:00:00Z', finished_at: '2026-12-02T10:00:20Z', pages: 4, rows: 1000 };

describe('formatSummary', () => {
  it('reports rows, pages, duration and rate from the api clock', () => {
    expect(formatSummary(base, 99)).toBe('Backfill bfj_1 finished in 20s: 1,000 rows in 4 pages (50 rows/s).');
  });

  it('names the failure reason and what was stored', () => {
    expect(formatSummary({ ...base, status: 'failed', error: 'HTTP 401 from the provider' }, 99)).toBe(
      'Backfill bfj_1 failed after 20s: HTTP 401 from the provider. It had stored 1,000 rows in 4 pages.',
    );
  });

  it('adds a line about dependents, and uses the local time when the api gave none', () => {
    const tree = { ...base, started_at: null, children: [{ ...base, id: 'bfj_2', rows: 10, pages: 1 }] };
    expect(formatSummary(tree, 5)).toBe('Backfill bfj_1 finished in 5s: 1,010 rows in 5 pages (202 rows/s).\nDependents: 1 jobs; 2 of 2 finished, 0 failed.');
  });
});
