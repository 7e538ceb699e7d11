import { column, DEFAULTER_NOW, defineSchema, newerThan } from '@whdb/core';

/**
 * The table of `front_signalwire_message_channel_app_v1` (one per integration, `whdb_org_<org>.front_signalwire_message_channel_app_v1_<4 hex>`):
 * the remote key, a few typed columns analysts filter on, and the whole resource in `data`.
 * Column types and options: docs/adding-a-replicator.md, "Columns".
 *
 * TODO(provider): one column per field analysts query; everything else is still in `data`.
 * Mark a column `optional` when the provider may leave the field out (a missing non-optional
 * field rejects the delivery), and `index` the ones used in WHERE clauses.
 */
export const frontSignalwireMessageChannelAppV1Schema = defineSchema({
  // TODO(provider): the resource's stable id; `dataKey` is its path in the resource.
  remoteKey: column('front_id', 'text', { dataKey: 'id' }),
  columns: [
    column('name', 'text', { optional: true }),
    column('status', 'text', { index: true, optional: true }),
    // Minor units (cents), so no rounding; `bigint` because amounts outgrow 32 bits.
    column('amount', 'bigint', { optional: true }),
    column('created_at', 'timestamp', { index: true, optional: true }),
    // The ordering column of the update guard below. TODO(provider): if the resource has no
    // update time, take the event's (`eventKey: 'created_at'`), as increase_account_v1 does.
    column('updated_at', 'timestamp', { defaulter: DEFAULTER_NOW, index: true, optional: true }),
  ],
  timestampColumn: 'updated_at',
  // Newer wins (a same-second update with different data too): a replayed or out-of-order older
  // delivery never overwrites what is stored (docs/behaviour/upserts.md#same-second-updates).
  updateWhere: newerThan('updated_at'),
});
