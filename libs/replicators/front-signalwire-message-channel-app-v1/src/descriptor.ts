import { defineDescriptor } from '@whdb/core';

/**
 * The Front <-> SignalWire SMS channel (`front_signalwire_message_channel_app_v1`,
 * docs/replicators/front_signalwire_message_channel_app_v1.md): a Front application channel whose
 * messages are SMS sent and received through the parent `signalwire_message_v1` integration.
 *
 * Webhooks only. WebhookDB's "channel backfill" is not a job here: it is the reconciler's
 * convergence loop over `whdb.rows.*` plus its periodic sweep (docs/behaviour/channel.md#no-backfill-job),
 * so the setup machine is the webhook machine and completing it enqueues no backfill.
 */
/** The channel endpoint Front calls (docs/behaviour/channel.md#endpoint); `webhook_url` of the authorization answer. */
export const FRONT_SIGNALWIRE_CHANNEL_PATH = '/v1/install/front_signalwire/channel';

export const frontSignalwireMessageChannelAppV1Descriptor = defineDescriptor({
  name: 'front_signalwire_message_channel_app_v1',
  resourceNameSingular: 'Front/SignalWire Message',
  resourceNamePlural: 'Front/SignalWire Messages',
  supportsWebhooks: true,
  supportsBackfill: false,
  dependencyName: 'signalwire_message_v1',
  apiDocsUrl: 'https://dev.frontapp.com/docs/getting-started-with-partner-channels',
  webhookPath: FRONT_SIGNALWIRE_CHANNEL_PATH,
});
