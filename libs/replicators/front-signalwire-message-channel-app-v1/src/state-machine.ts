import { formatE164, integrationApiKey, SetupContext, SetupResult, Steps } from '@whdb/core';
import { FRONT_SIGNALWIRE_CHANNEL_PATH } from './descriptor';

const PHONE_OUTPUT = `This Front Channel will be linked to a specific number in SignalWire.
Choose the phone number to connect to Front.`;

const NOT_A_PHONE_OUTPUT = `That is not a phone number we can text from. Enter the SignalWire number in E.164 form, e.g. +15551234567.`;

/** The support number is kept in E.164 form (`api_url`, SPEC 15.1); a value that is not a number is kept as typed and asked again. */
export function normalizeSupportNumber(value: string): string {
  return formatE164(value) ?? value.trim();
}

/**
 * SPEC 15.2 (docs/replicators/front_signalwire_message_channel_app_v1.md#setup), after the
 * dependency step the api runs first (`no_candidate_dependency` without a SignalWire integration):
 * the support phone number (`api_url`), then the API key to paste into Front, generated once and
 * saved. There is no backfill job: the reconciler converges the table (docs/behaviour/channel.md#no-backfill-job).
 */
export async function channelWebhookStateMachine(context: SetupContext): Promise<SetupResult> {
  const { integration } = context;
  if (integration.apiUrl === '') return { step: Steps.prompting('Phone number', context.authedApiPath, 'api_url', PHONE_OUTPUT) };
  if (formatE164(integration.apiUrl) === null) return { step: Steps.prompting('Phone number', context.authedApiPath, 'api_url', NOT_A_PHONE_OUTPUT) };
  const apiKey = integration.webhookdbApiKey === '' ? integrationApiKey(integration.opaqueId) : integration.webhookdbApiKey;
  const channelUrl = context.webhookUrl.replace(/\/v1\/service_integrations\/.*$/, FRONT_SIGNALWIRE_CHANNEL_PATH);
  const output = `Almost there! You can now finish installing the SignalWire Channel in Front.

In Front, add the "WebhookDB SignalWire" channel, and paste this API key when it asks for one:

  ${apiKey}

Front then connects the channel at ${channelUrl}. Messages to and from ${integration.apiUrl}
will show up in Front, and in the table ${context.qualifiedTableName}.`;
  return { step: Steps.completed(output), patch: integration.webhookdbApiKey === '' ? { webhookdbApiKey: apiKey } : undefined };
}
