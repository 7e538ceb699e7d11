import { Replicator } from '@whdb/core';
import { fetchFrontMessageV1Page } from './backfill';
import { frontMessageV1Descriptor, FRONT_MESSAGE_V1_DEFAULT_API_URL } from './descriptor';
import { frontMessageV1Schema } from './schema';
import { frontMessageV1BackfillStateMachine, frontMessageV1WebhookStateMachine } from './state-machine';
import { frontMessageV1Resources, verifyFrontMessageV1Webhook } from './webhook';

/** `front_message_v1`: the pieces of this folder, assembled (listed in libs/replicators/registry). */
export const frontMessageV1Replicator: Replicator = {
  descriptor: frontMessageV1Descriptor,
  schema: frontMessageV1Schema,
  verifyWebhook: verifyFrontMessageV1Webhook,
  resourcesFrom: frontMessageV1Resources,
  fetchBackfillPage: fetchFrontMessageV1Page,
  webhookStateMachine: (context) => frontMessageV1WebhookStateMachine(context),
  backfillStateMachine: (context) => frontMessageV1BackfillStateMachine(context),
  normalizeSetting(field, value) {
    if (field !== 'api_url') return value;
    return value.trim() === '' ? FRONT_MESSAGE_V1_DEFAULT_API_URL : value.trim().replace(/\/+$/, '');
  },
};
