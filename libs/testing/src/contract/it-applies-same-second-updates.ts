import { JsonValue, Replicator } from '@whdb/core';
import { ContractDatabase, ContractTable, useContractDatabase } from './contract-database';
import { contractWebhookRequest } from './contract-webhook-request';

export interface AppliesSameSecondUpdatesOptions {
  /** A body for one resource. */
  readonly body: JsonValue;
  /** The same resource (same remote key) with the **same** timestamp but different data. */
  readonly tiedBody: JsonValue;
  readonly headers?: Record<string, string>;
  /** What `data` holds after each; default the bodies themselves. */
  readonly expectedData?: JsonValue;
  readonly expectedTiedData?: JsonValue;
}

async function onlyRow(db: ContractDatabase, table: ContractTable): Promise<Record<string, unknown>> {
  const rows = await db.rows(table);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/**
 * Same-second updates (docs/behaviour/upserts.md#same-second-updates), for every replicator: on a
 * timestamp tie a delivery whose data differs from the stored row wins (one row change), and a
 * replay of identical data changes nothing and reports no change (so no row-change event).
 */
export function itAppliesSameSecondUpdates(replicator: Replicator, options: AppliesSameSecondUpdatesOptions): void {
  describe(`${replicator.descriptor.name}: a replicator that keeps the later state of a same-second update`, () => {
    const db = useContractDatabase('ct_tie');
    const first = () => contractWebhookRequest(options.body, options.headers);
    const tied = () => contractWebhookRequest(options.tiedBody, options.headers);
    const expectedFirst = options.expectedData ?? options.body;
    const expectedTied = options.expectedTiedData ?? options.tiedBody;
    const timestampOf = (row: Record<string, unknown>) => row[replicator.schema.timestampColumn];

    it('applies a delivery with the same timestamp and different data, reporting one change', async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, first());
      const before = await onlyRow(db, table);
      expect(before['data']).toEqual(expectedFirst);
      const changes = await db.upsertWebhook(table, replicator, tied());
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ op: 'u', remoteKey: String(before[replicator.schema.remoteKey.name]) });
      const after = await onlyRow(db, table);
      expect(after['data']).toEqual(expectedTied);
      // A tie indeed: the guard's timestamp did not move.
      expect(timestampOf(after)).toEqual(timestampOf(before));
    });

    it('changes nothing and reports no change for an identical replay of the tied delivery', async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, first());
      expect(await db.upsertWebhook(table, replicator, tied())).toHaveLength(1);
      const stored = await onlyRow(db, table);
      expect(await db.upsertWebhook(table, replicator, tied())).toEqual([]);
      expect(await onlyRow(db, table)).toEqual(stored);
    });
  });
}
