import { Replicator } from '@whdb/core';
import { fetchFrontSignalwireMessageChannelAppV1Page } from './backfill';
import { frontSignalwireMessageChannelAppV1Descriptor, FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL } from './descriptor';
import { frontSignalwireMessageChannelAppV1Schema } from './schema';
import { frontSignalwireMessageChannelAppV1BackfillStateMachine, frontSignalwireMessageChannelAppV1WebhookStateMachine } from './state-machine';
import { frontSignalwireMessageChannelAppV1Resources, verifyFrontSignalwireMessageChannelAppV1Webhook } from './webhook';

/** `front_signalwire_message_channel_app_v1`: the pieces of this folder, assembled (listed in libs/replicators/registry). */
export const frontSignalwireMessageChannelAppV1Replicator: Replicator = {
  descriptor: frontSignalwireMessageChannelAppV1Descriptor,
  schema: frontSignalwireMessageChannelAppV1Schema,
  verifyWebhook: verifyFrontSignalwireMessageChannelAppV1Webhook,
  resourcesFrom: frontSignalwireMessageChannelAppV1Resources,
  fetchBackfillPage: fetchFrontSignalwireMessageChannelAppV1Page,
  webhookStateMachine: (context) => frontSignalwireMessageChannelAppV1WebhookStateMachine(context),
  backfillStateMachine: (context) => frontSignalwireMessageChannelAppV1BackfillStateMachine(context),
  normalizeSetting(field, value) {
    if (field !== 'api_url') return value;
    return value.trim() === '' ? FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL : value.trim().replace(/\/+$/, '');
  },
};
