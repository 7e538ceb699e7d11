import { column, DEFAULTER_NOW, defineSchema, EXISTING_ROW_ALIAS, UpdateWhere } from '@whdb/core';

/** Marks work deliberately not done because the message is older than the sync cutoff (either id). */
export const SKIPPED_DUE_TO_AGE = 'skipped_due_to_age';
/** The `signalwire_sid` of an SMS the allowlist did not let out (SPEC 0.4). */
export const SMS_SKIPPED_BY_ALLOWLIST = 'skipped';

/**
 * Frozen once converged (docs/replicators/front_signalwire_message_channel_app_v1.md#columns): a
 * row may change only while one of its two ids is missing. Beyond WebhookDB, a delivery whose data
 * equals the stored row changes nothing, so a duplicate Front delivery or a replayed row event
 * yields no row change and so no second command.
 */
export const channelRowUpdateWhere: UpdateWhere = {
  description: 'signalwire_sid or front_message_id is null, and data differs',
  sql: `(${EXISTING_ROW_ALIAS}."signalwire_sid" IS NULL OR ${EXISTING_ROW_ALIAS}."front_message_id" IS NULL) AND ${EXISTING_ROW_ALIAS}."data" IS DISTINCT FROM excluded."data"`,
};

/**
 * The channel table (docs/replicators/front_signalwire_message_channel_app_v1.md#columns): one row
 * per message and per customer. A row with only `front_message_id` is a Front message whose SMS is
 * not sent yet; one with only `signalwire_sid` an SMS not yet in Front; both set, converged.
 * The two ids are `skipNil`: a resource without one never wipes it, so a partial body cannot undo
 * a send. `direction`, `body`, `sender` and `recipient` are required keys (null values allowed).
 */
export const frontSignalwireMessageChannelAppV1Schema = defineSchema({
  remoteKey: column('external_id', 'text'),
  columns: [
    column('signalwire_sid', 'text', { optional: true, index: true, skipNil: true }),
    column('front_message_id', 'text', { optional: true, index: true, skipNil: true }),
    column('external_conversation_id', 'text', { optional: true, index: true }),
    column('row_updated_at', 'timestamp', { optional: true, index: true, defaulter: DEFAULTER_NOW }),
    column('direction', 'text'),
    column('body', 'text'),
    column('sender', 'text'),
    column('recipient', 'text'),
  ],
  timestampColumn: 'row_updated_at',
  updateWhere: channelRowUpdateWhere,
});
