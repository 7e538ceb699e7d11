import { SetupContext, SetupResult, Steps, unauthedWebhookPath } from '@whdb/core';
import { FRONT_APP_WEBHOOK_PATH, frontMessageV1Descriptor as descriptor } from './descriptor';

/**
 * The company's Front API URL (it routes the company's events here), then done
 * (docs/replicators/front_message_v1.md#setup). Events are signed with the Front app's secret
 * (`FRONT_APP_SECRET`), so there is no per-integration secret to ask for.
 */
export async function frontMessageWebhookStateMachine(context: SetupContext): Promise<SetupResult> {
  const { integration } = context;
  const appWebhookUrl = context.webhookUrl.replace(unauthedWebhookPath(integration.opaqueId), FRONT_APP_WEBHOOK_PATH);
  if (integration.apiUrl === '') {
    const output = `You are about to start replicating ${descriptor.resourceNamePlural} into WebhookDB.

Install the WebhookDB application in Front, then tell us your company's Front API URL:
in Front, go to Settings -> Developers -> API & integrations; it looks like https://<yourcompany>.api.frontapp.com.
We use it to recognise the events Front sends for your company.`;
    return { step: Steps.prompting('Front API URL', context.authedApiPath, 'api_url', output) };
  }
  const output = `Great! WebhookDB is now listening for ${descriptor.resourceNamePlural} of ${integration.apiUrl}.
Front delivers the application's events to ${appWebhookUrl}.
You can query the table through your database connection: SELECT * FROM ${context.qualifiedTableName}`;
  return { step: Steps.completed(output) };
}
