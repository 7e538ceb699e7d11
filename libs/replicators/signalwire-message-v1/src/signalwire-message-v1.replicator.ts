import { Replicator } from '@whdb/core';
import { fetchSignalwireMessagePage } from './backfill';
import { signalwireMessageV1Descriptor } from './descriptor';
import { signalwireMessageV1Schema } from './schema';
import { normalizeSignalwireSpace, signalwireMessageBackfillStateMachine } from './state-machine';
import { signalwireMessageResources, verifySignalwireMessageWebhook } from './webhook';

/** `signalwire_message_v1`: the pieces of this folder, assembled (listed in libs/replicators/registry). */
export const signalwireMessageV1Replicator: Replicator = {
  descriptor: signalwireMessageV1Descriptor,
  schema: signalwireMessageV1Schema,
  verifyWebhook: verifySignalwireMessageWebhook,
  resourcesFrom: signalwireMessageResources,
  fetchBackfillPage: (context, token) => fetchSignalwireMessagePage(context, token),
  backfillStateMachine: (context) => signalwireMessageBackfillStateMachine(context),
  normalizeSetting: (field, value) => (field === 'api_url' ? normalizeSignalwireSpace(value) : value),
};
