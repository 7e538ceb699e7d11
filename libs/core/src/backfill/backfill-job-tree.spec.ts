import { BackfillJobRecord, BackfillJobStatus } from './backfill-job';
import { backfillJobTreeStatus, BackfillJobTree } from './backfill-job-tree';

let nextId = 1;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

function job(status: BackfillJobStatus, finishedMinute: number | null = null): BackfillJobRecord {
  const id = nextId++;
  return {
    id, opaqueId: `bfj_${id}`, serviceIntegrationId: id, parentJobId: null, incremental: true, criteria: {}, status,
    pages: 0, rows: 0, cursor: null, error: null, attempts: 0, createdAt: at(0),
    startedAt: status === 'pending' ? null : at(1), finishedAt: finishedMinute === null ? null : at(finishedMinute),
  };
}
const tree = (record: BackfillJobRecord, ...children: BackfillJobTree[]): BackfillJobTree => ({ job: record, children });

describe('backfillJobTreeStatus (docs/behaviour/backfill.md#job-status)', () => {
  it.each<BackfillJobStatus>(['pending', 'running'])('reports a lone %s job as it is, with no finish time', (status) => {
    expect(backfillJobTreeStatus(tree(job(status)))).toEqual({ status, finishedAt: null });
  });

  it('is finished when the job and every descendant are, at the latest finish time of the tree', () => {
    const status = backfillJobTreeStatus(tree(job('finished', 5), tree(job('finished', 9), tree(job('finished', 7))), tree(job('finished', 6))));
    expect(status).toEqual({ status: 'finished', finishedAt: at(9) });
  });

  it('is running while a finished parent still has a pending or running descendant', () => {
    expect(backfillJobTreeStatus(tree(job('finished', 5), tree(job('pending'))))).toEqual({ status: 'running', finishedAt: null });
    expect(backfillJobTreeStatus(tree(job('finished', 5), tree(job('finished', 6), tree(job('running')))))).toEqual({ status: 'running', finishedAt: null });
  });

  it('is pending or running by its own status while it is not finished, whatever its children say', () => {
    expect(backfillJobTreeStatus(tree(job('pending'), tree(job('finished', 3))))).toEqual({ status: 'pending', finishedAt: null });
    expect(backfillJobTreeStatus(tree(job('running'), tree(job('failed', 3))))).toEqual({ status: 'running', finishedAt: null });
  });

  it('is failed when it failed itself (its children never run), at its own finish time', () => {
    expect(backfillJobTreeStatus(tree(job('failed', 4), tree(job('pending'))))).toEqual({ status: 'failed', finishedAt: at(4) });
  });

  it('is failed once every descendant ended and one failed, at the latest finish time', () => {
    expect(backfillJobTreeStatus(tree(job('finished', 2), tree(job('failed', 8)), tree(job('finished', 5))))).toEqual({ status: 'failed', finishedAt: at(8) });
  });

  it('stays running while a sibling of a failed child is still running', () => {
    expect(backfillJobTreeStatus(tree(job('finished', 2), tree(job('failed', 8)), tree(job('running'))))).toEqual({ status: 'running', finishedAt: null });
  });
});
