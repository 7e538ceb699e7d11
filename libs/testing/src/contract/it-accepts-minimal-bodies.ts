import { JsonValue, Replicator } from '@whdb/core';
import { useContractDatabase } from './contract-database';
import { contractWebhookRequest } from './contract-webhook-request';

export interface AcceptsMinimalBodiesOptions {
  /** Minimal bodies, each for a different remote key: each must give its own row. */
  readonly bodies: readonly JsonValue[];
  readonly headers?: Record<string, string>;
}

/**
 * The contract group "a replicator that may have a minimal body"
 * (docs/behaviour/replicator-framework.md#contract-suite): N bodies give N rows, each with
 * non-empty data.
 */
export function itAcceptsMinimalBodies(replicator: Replicator, options: AcceptsMinimalBodiesOptions): void {
  describe(`${replicator.descriptor.name}: a replicator that may have a minimal body`, () => {
    const db = useContractDatabase('ct_min');

    it('inserts every minimal body as its own row with non-empty data', async () => {
      const table = await db.createTable(replicator);
      for (const body of options.bodies) await db.upsertWebhook(table, replicator, contractWebhookRequest(body, options.headers));
      const rows = await db.rows(table);
      expect(rows).toHaveLength(options.bodies.length);
      for (const row of rows) {
        expect(row.data).toBeInstanceOf(Object);
        expect(Object.keys(row.data as object).length).toBeGreaterThan(0);
      }
    });
  });
}
