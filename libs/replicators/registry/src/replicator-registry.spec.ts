import { allColumns, isSafeIdentifier } from '@whdb/core';
import { findReplicator, REPLICATORS, replicatorNames } from './replicator-registry';

describe('replicator registry', () => {
  it('finds every replicator by its service name and nothing else', () => {
    expect(replicatorNames()).toContain('increase_account_v1');
    for (const name of replicatorNames()) expect(findReplicator(name)?.descriptor.name).toBe(name);
    expect(findReplicator('increase_account_v2')).toBeUndefined();
  });

  it('has unique names', () => {
    expect(new Set(replicatorNames()).size).toBe(REPLICATORS.length);
  });

  it.each(REPLICATORS.map((r) => [r.descriptor.name, r] as const))('%s implements what its descriptor promises', (_name, replicator) => {
    const { supportsWebhooks, supportsBackfill } = replicator.descriptor;
    expect(supportsWebhooks || supportsBackfill).toBe(true);
    expect(Boolean(replicator.webhookStateMachine)).toBe(supportsWebhooks);
    expect(Boolean(replicator.backfillStateMachine)).toBe(supportsBackfill);
    expect(Boolean(replicator.fetchBackfillPage)).toBe(supportsBackfill);
    for (const col of allColumns(replicator.schema)) expect(isSafeIdentifier(col.name)).toBe(true);
  });
});
