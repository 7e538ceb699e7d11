import { column, CONV_PARSE_TIME, defineSchema, newerThan } from '@whdb/core';

/**
 * The table of `signalwire_message_v1` (docs/replicators/signalwire_message_v1.md#columns; names
 * and types are part of the public interface). SignalWire writes its dates in RFC 2822
 * (`Mon, 13 Aug 2018 21:38:46 +0000`), parsed in process and, for columns added later, by
 * Postgres's `::timestamptz`. `date_sent` is null until a message leaves.
 */
export const signalwireMessageV1Schema = defineSchema({
  remoteKey: column('signalwire_id', 'text', { dataKey: 'sid' }),
  columns: [
    column('date_created', 'timestamp', { converter: CONV_PARSE_TIME, index: true, optional: true }),
    column('date_sent', 'timestamp', { converter: CONV_PARSE_TIME, index: true, optional: true }),
    column('date_updated', 'timestamp', { converter: CONV_PARSE_TIME, index: true, optional: true }),
    column('direction', 'text', { optional: true }),
    column('from', 'text', { index: true, optional: true }),
    column('status', 'text', { optional: true }),
    column('to', 'text', { index: true, optional: true }),
  ],
  timestampColumn: 'date_updated',
  // Newer wins, and a same-second update with different data too (docs/behaviour/upserts.md#same-second-updates).
  updateWhere: newerThan('date_updated'),
});
