import { JsonObject, JsonValue, Replicator } from '@whdb/core';
import { useContractDatabase } from './contract-database';
import { contractWebhookRequest } from './contract-webhook-request';

export interface HandlesResourcesAndWrappedEventsOptions {
  /** The bare resource, as a webhook body. */
  readonly resource: JsonObject;
  /** The same resource inside the provider's event envelope. */
  readonly envelope: JsonValue;
  readonly resourceHeaders?: Record<string, string>;
  readonly envelopeHeaders?: Record<string, string>;
}

/**
 * The contract group "a replicator that deals with resources and wrapped events"
 * (docs/behaviour/replicator-framework.md#contract-suite): a bare resource and the same resource in
 * its envelope both store the bare resource in `data`.
 */
export function itHandlesResourcesAndWrappedEvents(replicator: Replicator, options: HandlesResourcesAndWrappedEventsOptions): void {
  describe(`${replicator.descriptor.name}: a replicator that deals with resources and wrapped events`, () => {
    const db = useContractDatabase('ct_wrap');

    it('puts the raw resource in the data column', async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, contractWebhookRequest(options.resource, options.resourceHeaders));
      const rows = await db.rows(table);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.data).toEqual(options.resource);
    });

    it('puts the enveloped resource in the data column', async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, contractWebhookRequest(options.envelope, options.envelopeHeaders));
      const rows = await db.rows(table);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.data).toEqual(options.resource);
    });
  });
}
