import { column, CONV_PARSE_TIME, defineSchema, DEFAULTER_NOW, JsonObject, newerThan, prepareRow, PreparedRow, ReplicatorSchema } from '@whdb/core';

/** A tiny replicator schema for persistence tests (no dependency on libs/replicators). */
export const widgetSchema: ReplicatorSchema = defineSchema({
  remoteKey: column('widget_id', 'text', { dataKey: 'id' }),
  columns: [
    column('name', 'text', { optional: true, index: true }),
    column('balance', 'int', { optional: true, index: true, indexNotNull: true }),
    column('nickname', 'text', { optional: true, skipNil: true }),
    column('tags', 'textarray', { optional: true }),
    column('amount', 'decimal', { optional: true }),
    column('active', 'bool', { optional: true }),
    column('updated_at', 'timestamp', { converter: CONV_PARSE_TIME, defaulter: DEFAULTER_NOW, index: true }),
  ],
  timestampColumn: 'updated_at',
  updateWhere: newerThan('updated_at'),
});

/** Prepares a widget resource as a projector would. */
export function prepareWidget(resource: JsonObject, schema: ReplicatorSchema = widgetSchema): PreparedRow {
  return prepareRow({ schema }, { resource, event: null }, new Date('2030-01-01T00:00:00Z'));
}
