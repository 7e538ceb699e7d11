import { column, CONV_UNIX_TS, dataDiffers, defineSchema } from '@whdb/core';

/**
 * The table of `front_message_v1` (docs/replicators/front_message_v1.md#columns): the message id,
 * its type, the conversation it belongs to (from the event) and its creation time (Front writes
 * epoch seconds, possibly with a fraction). Front messages carry no update time, so a delivery
 * whose data differs from the stored row wins, and an identical replay changes nothing.
 */
export const frontMessageV1Schema = defineSchema({
  remoteKey: column('front_id', 'text', { dataKey: 'id' }),
  columns: [
    column('type', 'text', { optional: true }),
    column('front_conversation_id', 'text', { eventKey: ['conversation', 'id'], index: true, optional: true }),
    column('created_at', 'timestamp', { converter: CONV_UNIX_TS, index: true, optional: true }),
  ],
  timestampColumn: 'created_at',
  updateWhere: dataDiffers(),
});
