import { Replicator } from '@whdb/core';
import { frontSignalwireMessageChannelAppV1Descriptor } from './descriptor';
import { frontSignalwireMessageChannelAppV1Schema } from './schema';
import { channelWebhookStateMachine, normalizeSupportNumber } from './state-machine';
import { channelResources, verifyChannelWebhookOnGenericEndpoint } from './webhook';

/** `front_signalwire_message_channel_app_v1`: the pieces of this folder, assembled (listed in libs/replicators/registry). */
export const frontSignalwireMessageChannelAppV1Replicator: Replicator = {
  descriptor: frontSignalwireMessageChannelAppV1Descriptor,
  schema: frontSignalwireMessageChannelAppV1Schema,
  verifyWebhook: verifyChannelWebhookOnGenericEndpoint,
  resourcesFrom: channelResources,
  webhookStateMachine: (context) => channelWebhookStateMachine(context),
  normalizeSetting: (field, value) => (field === 'api_url' ? normalizeSupportNumber(value) : value),
};
