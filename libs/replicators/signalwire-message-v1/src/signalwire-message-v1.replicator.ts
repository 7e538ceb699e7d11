import { Replicator } from '@whdb/core';
import { fetchSignalwireMessageV1Page } from './backfill';
import { signalwireMessageV1Descriptor, SIGNALWIRE_MESSAGE_V1_DEFAULT_API_URL } from './descriptor';
import { signalwireMessageV1Schema } from './schema';
import { signalwireMessageV1BackfillStateMachine, signalwireMessageV1WebhookStateMachine } from './state-machine';
import { signalwireMessageV1Resources, verifySignalwireMessageV1Webhook } from './webhook';

/** `signalwire_message_v1`: the pieces of this folder, assembled (listed in libs/replicators/registry). */
export const signalwireMessageV1Replicator: Replicator = {
  descriptor: signalwireMessageV1Descriptor,
  schema: signalwireMessageV1Schema,
  verifyWebhook: verifySignalwireMessageV1Webhook,
  resourcesFrom: signalwireMessageV1Resources,
  fetchBackfillPage: fetchSignalwireMessageV1Page,
  webhookStateMachine: (context) => signalwireMessageV1WebhookStateMachine(context),
  backfillStateMachine: (context) => signalwireMessageV1BackfillStateMachine(context),
  normalizeSetting(field, value) {
    if (field !== 'api_url') return value;
    return value.trim() === '' ? SIGNALWIRE_MESSAGE_V1_DEFAULT_API_URL : value.trim().replace(/\/+$/, '');
  },
};
