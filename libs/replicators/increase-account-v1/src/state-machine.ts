import { SetupContext, SetupResult, Steps, verifyBackfillCredentials } from '@whdb/core';
import { increaseAccountV1Descriptor as descriptor, INCREASE_DEFAULT_API_URL, INCREASE_SANDBOX_API_URL } from './descriptor';
import { fetchIncreaseAccountsPage } from './backfill';

function queryHelp(context: SetupContext): string {
  return `You can query the table through your database connection: SELECT * FROM ${context.qualifiedTableName}`;
}

/**
 * Prompts for the shared secret, then shows the webhook URL
 * (docs/replicators/increase_account_v1.md#setup).
 */
export async function increaseAccountWebhookStateMachine(context: SetupContext): Promise<SetupResult> {
  const { integration } = context;
  if (integration.webhookSecret === '') {
    const output = `You are about to start replicating ${descriptor.resourceNamePlural} into WebhookDB.
We've made an endpoint available for ${descriptor.resourceNameSingular} webhooks:

${context.webhookUrl}

From your Increase dashboard, go to Applications -> Create Webhook.
In the "Webhook endpoint URL" field enter the URL above.
For the shared secret, generate a strong random password and enter it into the textbox.

Copy that shared secret value.`;
    return { step: Steps.secretPrompt('secret', context.authedApiPath, 'webhook_secret', output) };
  }
  const output = `Great! WebhookDB is now listening for ${descriptor.resourceNameSingular} webhooks at:

${context.webhookUrl}

${queryHelp(context)}
To backfill existing ${descriptor.resourceNamePlural}, run: whdb backfill ${integration.opaqueId}`;
  return { step: Steps.completed(output) };
}

/**
 * API key, then API url (blank = production), then a credentials check
 * (docs/replicators/increase_account_v1.md#setup).
 */
export async function increaseAccountBackfillStateMachine(context: SetupContext): Promise<SetupResult> {
  const { integration } = context;
  if (integration.backfillKey === '') {
    const output = `In order to backfill ${descriptor.resourceNamePlural}, we need an API key.
From your Increase dashboard, go to Settings -> Development -> API Keys and copy the Production key.`;
    return { step: Steps.secretPrompt('API Key', context.authedApiPath, 'backfill_key', output) };
  }
  if (integration.apiUrl === '') {
    const output = `Great. Now we want to make sure we're sending API requests to the right place.
For Sandbox mode, the API root url is:

${INCREASE_SANDBOX_API_URL}

For Production mode, which is our default, it is:

${INCREASE_DEFAULT_API_URL}

Leave blank to use the default or paste the answer into this prompt.`;
    return { step: Steps.prompting('API url', context.authedApiPath, 'api_url', output) };
  }
  const check = await verifyBackfillCredentials({ descriptor, fetchBackfillPage: fetchIncreaseAccountsPage }, { integration, http: context.http, timeoutMs: context.timeoutMs });
  if (!check.verified) {
    return {
      step: Steps.secretPrompt('API Key', context.authedApiPath, 'backfill_key', check.message),
      patch: { apiUrl: '', backfillKey: '', backfillSecret: '' },
    };
  }
  return { step: Steps.completed(`Great! We are going to start backfilling your ${descriptor.resourceNamePlural}.\n${queryHelp(context)}`) };
}
