import { column, DEFAULTER_NOW, defineSchema, newerThan } from '@whdb/core';

/**
 * Table columns (docs/replicators/increase_account_v1.md#columns; names and types are part of the
 * public interface: change them only with a new version). Increase objects have no `updated_at`:
 * the event's `created_at` stands in when the account arrives wrapped, else the account's own
 * `created_at`, else now. Today's Increase accounts carry no `balance` or `interest_accrued`, so
 * those columns are optional (WebhookDB would reject such accounts outright).
 */
export const increaseAccountV1Schema = defineSchema({
  remoteKey: column('increase_id', 'text', { dataKey: 'id' }),
  columns: [
    column('balance', 'int', { index: true, optional: true }),
    column('created_at', 'timestamp', { dataKey: 'created_at', defaulter: DEFAULTER_NOW, index: true, optional: true }),
    column('entity_id', 'text', { index: true, optional: true }),
    column('interest_accrued', 'decimal', { optional: true }),
    column('name', 'text', { optional: true }),
    column('status', 'text', { optional: true }),
    column('updated_at', 'timestamp', {
      dataKey: 'created_at',
      eventKey: 'created_at',
      defaulter: DEFAULTER_NOW,
      index: true,
      optional: true,
    }),
  ],
  timestampColumn: 'updated_at',
  // Newer wins (a same-second update with different data too): an older or replayed event never
  // overwrites what is stored (docs/behaviour/upserts.md#same-second-updates).
  updateWhere: newerThan('updated_at'),
});
