import { JsonValue, Replicator } from '@whdb/core';
import { useContractDatabase } from './contract-database';
import { contractWebhookRequest } from './contract-webhook-request';

export interface UpsertsOnlyUnderSpecificConditionsOptions {
  /** Bodies the replicator must skip (`resourcesFrom` gives null or nothing). */
  readonly incorrectBodies: readonly JsonValue[];
  readonly headers?: Record<string, string>;
}

/**
 * The contract group "a replicator that upserts webhooks only under specific conditions"
 * (docs/behaviour/replicator-framework.md#contract-suite): when the replicator finds no resource in
 * a body, no row is written.
 */
export function itUpsertsOnlyUnderSpecificConditions(replicator: Replicator, options: UpsertsOnlyUnderSpecificConditionsOptions): void {
  describe(`${replicator.descriptor.name}: a replicator that upserts webhooks only under specific conditions`, () => {
    const db = useContractDatabase('ct_skip');

    it.each(options.incorrectBodies.map((body, index) => [index, body] as const))('writes no row for skipped body #%i', async (_index, body) => {
      const request = contractWebhookRequest(body, options.headers);
      expect(replicator.resourcesFrom(request) ?? []).toEqual([]);
      const table = await db.createTable(replicator);
      expect(await db.upsertWebhook(table, replicator, request)).toEqual([]);
      expect(await db.rows(table)).toHaveLength(0);
    });
  });
}
