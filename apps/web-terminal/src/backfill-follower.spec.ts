import { WireStep } from '@whdb/core/browser';
import { SetupApi } from './api-session';
import { BackfillJobBody, followBackfill, progressLine } from './backfill-follower';
import { LineKind, TerminalIo } from './terminal-io';

const completed = { needs_input: false, complete: true, backfill_job_id: 'bfj_1', service_integration: { opaque_id: 'svi_a', service_name: 's', table_name: 't' } } as WireStep;

function recorder(): TerminalIo & { lines: [LineKind, string][] } {
  const lines: [LineKind, string][] = [];
  return { lines, say: (text, kind = 'output') => lines.push([kind, text]), progress: (text) => lines.push(['progress', text]), ask: async () => '' };
}

function jobs(...answers: BackfillJobBody[]): SetupApi & { paths: string[] } {
  const paths: string[] = [];
  return { paths, post: async () => ({}), get: async (path) => (paths.push(path), answers.shift()!) };
}

describe('followBackfill', () => {
  it('polls the job until it finishes, showing the pages and rows of the whole tree', async () => {
    const api = jobs({ id: 'bfj_1', status: 'pending' }, { id: 'bfj_1', status: 'running', pages: 1, rows: 50, children: [{ id: 'bfj_2', status: 'running', pages: 1, rows: 1 }] }, { id: 'bfj_1', status: 'finished', pages: 3, rows: 120 });
    const io = recorder();
    const last = await followBackfill(api, io, 'acme', completed, { wait: async () => undefined });
    expect(last?.status).toBe('finished');
    expect(api.paths[0]).toBe('/v1/organizations/acme/service_integrations/svi_a/backfill/job/bfj_1');
    expect(io.lines).toEqual([
      ['progress', 'Backfill bfj_1: pending · 0 pages · 0 rows'],
      ['progress', 'Backfill bfj_1: running · 2 pages · 51 rows'],
      ['progress', 'Backfill bfj_1: finished · 3 pages · 120 rows'],
      ['success', 'Backfill bfj_1 finished.'],
    ]);
  });

  it('says how to follow it from the CLI when it outlives the page, and the reason when it fails', async () => {
    let clock = 0;
    const io = recorder();
    await followBackfill(jobs({ id: 'bfj_1', status: 'running' }, { id: 'bfj_1', status: 'running' }), io, 'acme', completed, { timeoutMs: 10, wait: async () => void (clock += 20), now: () => clock });
    expect(io.lines.at(-1)).toEqual(['notice', 'Backfill bfj_1 is still running; follow it with: whdb backfill svi_a --job bfj_1']);
    const failed = recorder();
    await followBackfill(jobs({ id: 'bfj_1', status: 'failed', message: 'Backfill job bfj_1 failed: HTTP 401.' }), failed, 'acme', completed);
    expect(failed.lines.at(-1)).toEqual(['error', 'Backfill job bfj_1 failed: HTTP 401.']);
  });

  it('does nothing for a step that started no job', async () => {
    const io = recorder();
    await expect(followBackfill(jobs(), io, 'acme', { ...completed, backfill_job_id: undefined })).resolves.toBeUndefined();
    expect(io.lines).toEqual([]);
    expect(progressLine({ id: 'bfj_9', status: 'running', pages: 1, rows: 1 })).toBe('Backfill bfj_9: running · 1 page · 1 row');
  });
});
