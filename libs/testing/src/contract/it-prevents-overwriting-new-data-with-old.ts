import { JsonValue, Replicator } from '@whdb/core';
import { ContractDatabase, ContractTable, useContractDatabase } from './contract-database';
import { contractWebhookRequest } from './contract-webhook-request';

export interface PreventsOverwritingOptions {
  /** Two bodies for the same remote key; `newBody` is the newer state by the replicator's guard. */
  readonly oldBody: JsonValue;
  readonly newBody: JsonValue;
  readonly oldHeaders?: Record<string, string>;
  readonly newHeaders?: Record<string, string>;
  /** What `data` holds after each; default the bodies themselves. */
  readonly expectedOldData?: JsonValue;
  readonly expectedNewData?: JsonValue;
}

async function onlyRowData(db: ContractDatabase, table: ContractTable): Promise<unknown> {
  const rows = await db.rows(table);
  expect(rows).toHaveLength(1);
  return rows[0]!.data;
}

/**
 * The contract group "a replicator that prevents overwriting new data with old"
 * (docs/behaviour/replicator-framework.md#contract-suite): old then new leaves
 * the new data; new then old still leaves the new data, and the stale write reports no row change
 * (so no row-change event is published for it).
 */
export function itPreventsOverwritingNewDataWithOld(replicator: Replicator, options: PreventsOverwritingOptions): void {
  describe(`${replicator.descriptor.name}: a replicator that prevents overwriting new data with old`, () => {
    const db = useContractDatabase('ct_order');
    const oldRequest = () => contractWebhookRequest(options.oldBody, options.oldHeaders);
    const newRequest = () => contractWebhookRequest(options.newBody, options.newHeaders);
    const expectedOld = options.expectedOldData ?? options.oldBody;
    const expectedNew = options.expectedNewData ?? options.newBody;

    it('overrides older rows with newer ones', async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, oldRequest());
      expect(await onlyRowData(db, table)).toEqual(expectedOld);
      expect(await db.upsertWebhook(table, replicator, newRequest())).toHaveLength(1);
      expect(await onlyRowData(db, table)).toEqual(expectedNew);
    });

    it('does not override newer rows with older ones', async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, newRequest());
      expect(await onlyRowData(db, table)).toEqual(expectedNew);
      expect(await db.upsertWebhook(table, replicator, oldRequest())).toEqual([]);
      expect(await onlyRowData(db, table)).toEqual(expectedNew);
    });
  });
}
