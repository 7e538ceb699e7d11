import { Replicator } from '@whdb/core';
import { fetchIncreaseAccountsPage } from './backfill';
import { increaseAccountV1Descriptor, INCREASE_DEFAULT_API_URL } from './descriptor';
import { increaseAccountV1Schema } from './schema';
import { increaseAccountBackfillStateMachine, increaseAccountWebhookStateMachine } from './state-machine';
import { increaseAccountResources, verifyIncreaseAccountWebhook } from './webhook';

/** `increase_account_v1`: the pieces of this folder, assembled. */
export const increaseAccountV1Replicator: Replicator = {
  descriptor: increaseAccountV1Descriptor,
  schema: increaseAccountV1Schema,
  verifyWebhook: verifyIncreaseAccountWebhook,
  resourcesFrom: increaseAccountResources,
  fetchBackfillPage: fetchIncreaseAccountsPage,
  webhookStateMachine: (context) => increaseAccountWebhookStateMachine(context),
  backfillStateMachine: (context) => increaseAccountBackfillStateMachine(context),
  normalizeSetting(field, value) {
    if (field !== 'api_url') return value;
    return value === '' ? INCREASE_DEFAULT_API_URL : value.replace(/\/+$/, '');
  },
};
