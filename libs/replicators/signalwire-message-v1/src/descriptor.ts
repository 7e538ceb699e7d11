import { defineDescriptor } from '@whdb/core';

/**
 * SignalWire Messages (`signalwire_message_v1`, docs/replicators/signalwire_message_v1.md):
 * backfill only, as in WebhookDB: history and new messages come from the incremental poll of the
 * list endpoint. The generic webhook endpoint still accepts messages with Basic auth once a
 * `webhook_secret` is set (docs/replicators/signalwire_message_v1.md#webhooks).
 */
export const signalwireMessageV1Descriptor = defineDescriptor({
  name: 'signalwire_message_v1',
  resourceNameSingular: 'SignalWire Message',
  resourceNamePlural: 'SignalWire Messages',
  supportsWebhooks: false,
  supportsBackfill: true,
  scheduledIncrementalBackfill: true,
  apiDocsUrl: 'https://developer.signalwire.com/compatibility-api/rest/list-all-messages',
});
