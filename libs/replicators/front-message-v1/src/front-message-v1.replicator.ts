import { normalizeFrontApiUrl, Replicator } from '@whdb/core';
import { frontMessageV1Descriptor } from './descriptor';
import { frontMessageV1Schema } from './schema';
import { frontMessageWebhookStateMachine } from './state-machine';
import { frontMessageResources, verifyFrontMessageWebhook } from './webhook';

/** `front_message_v1`: the pieces of this folder, assembled (listed in libs/replicators/registry). */
export const frontMessageV1Replicator: Replicator = {
  descriptor: frontMessageV1Descriptor,
  schema: frontMessageV1Schema,
  verifyWebhook: verifyFrontMessageWebhook,
  resourcesFrom: frontMessageResources,
  webhookStateMachine: (context) => frontMessageWebhookStateMachine(context),
  normalizeSetting: (field, value) => (field === 'api_url' ? normalizeFrontApiUrl(value) : value),
};
