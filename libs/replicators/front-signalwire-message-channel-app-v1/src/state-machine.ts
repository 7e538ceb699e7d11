import { SetupContext, SetupResult, Steps, verifyBackfillCredentials } from '@whdb/core';
import { fetchFrontSignalwireMessageChannelAppV1Page } from './backfill';
import { frontSignalwireMessageChannelAppV1Descriptor as descriptor, FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL, FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SANDBOX_API_URL } from './descriptor';

function queryHelp(context: SetupContext): string {
  return `You can query the table through your database connection: SELECT * FROM ${context.qualifiedTableName}`;
}

/**
 * Webhook setup: asks for the shared secret, then completes naming the webhook URL. Each answer is
 * POSTed to `<authedApiPath>/transition/<field>` and the machine runs again (docs/adding-a-replicator.md,
 * "State machines").
 * TODO(provider): where in the provider's dashboard webhooks are created and the secret is found.
 */
export async function frontSignalwireMessageChannelAppV1WebhookStateMachine(context: SetupContext): Promise<SetupResult> {
  const { integration } = context;
  if (integration.webhookSecret === '') {
    const output = `You are about to start replicating ${descriptor.resourceNamePlural} into WebhookDB.
We've made an endpoint available for ${descriptor.resourceNameSingular} webhooks:

${context.webhookUrl}

From your Front SignalWire dashboard, go to Developers -> Webhooks -> Add endpoint.
In the "Endpoint URL" field enter the URL above, and subscribe to the signalwire_message_channel_app.* events.
Front SignalWire then shows the endpoint's signing secret.

Copy that signing secret.`;
    return { step: Steps.secretPrompt('signing secret', context.authedApiPath, 'webhook_secret', output) };
  }
  const output = `Great! WebhookDB is now listening for ${descriptor.resourceNameSingular} webhooks at:

${context.webhookUrl}

${queryHelp(context)}
To backfill existing ${descriptor.resourceNamePlural}, run: whdb backfill ${integration.opaqueId}`;
  return { step: Steps.completed(output) };
}

/**
 * Backfill setup: an API key, then the API url (blank means production), then one list request
 * to check them; bad credentials clear the settings and ask again ("It looks like ...").
 * TODO(provider): where the API key is created, and the API roots.
 */
export async function frontSignalwireMessageChannelAppV1BackfillStateMachine(context: SetupContext): Promise<SetupResult> {
  const { integration } = context;
  if (integration.backfillKey === '') {
    const output = `In order to backfill ${descriptor.resourceNamePlural}, we need an API key.
From your Front SignalWire dashboard, go to Developers -> API keys and create a read-only key.`;
    return { step: Steps.secretPrompt('API Key', context.authedApiPath, 'backfill_key', output) };
  }
  if (integration.apiUrl === '') {
    const output = `Great. Now we want to make sure we're sending API requests to the right place.
For test mode, the API root url is:

${FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SANDBOX_API_URL}

For production, which is our default, it is:

${FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL}

Leave blank to use the default or paste the answer into this prompt.`;
    return { step: Steps.prompting('API url', context.authedApiPath, 'api_url', output) };
  }
  const check = await verifyBackfillCredentials(
    { descriptor, fetchBackfillPage: fetchFrontSignalwireMessageChannelAppV1Page },
    { integration, http: context.http, timeoutMs: context.timeoutMs },
  );
  if (!check.verified) {
    return {
      step: Steps.secretPrompt('API Key', context.authedApiPath, 'backfill_key', check.message),
      patch: { apiUrl: '', backfillKey: '', backfillSecret: '' },
    };
  }
  return { step: Steps.completed(`Great! We are going to start backfilling your ${descriptor.resourceNamePlural}.\n${queryHelp(context)}`) };
}
