import { SetupContext, SetupResult, Steps, verifyBackfillCredentials } from '@whdb/core';
import { fetchSignalwireMessagePage } from './backfill';
import { signalwireMessageV1Descriptor as descriptor } from './descriptor';

const RETRY_OUTPUT = 'Something is wrong with your configuration. Please look over the instructions and try again.';

const SPACE_OUTPUT = `You are about to add support for replicating SignalWire Messages into WebhookDB.

We will use your SignalWire Space, Project ID and API Token to poll for messages
(SignalWire's messaging webhooks are configured per phone number, so we do not rely on them).

First, what is your Space URL? You can find it in your SignalWire dashboard:
it looks like https://<yourspace>.signalwire.com (we only keep the space name).`;

/**
 * Space URL, Project ID, API Token, then a credentials check with one list request; on failure
 * every backfill field is cleared and the machine starts over with "Something is wrong..."
 * (docs/replicators/signalwire_message_v1.md#setup).
 */
export async function signalwireMessageBackfillStateMachine(context: SetupContext): Promise<SetupResult> {
  const { integration } = context;
  if (integration.apiUrl === '') return { step: Steps.prompting('Space URL', context.authedApiPath, 'api_url', SPACE_OUTPUT) };
  if (integration.backfillKey === '') {
    const output = `Great. Now, in your SignalWire dashboard, go to API -> Credentials and copy your Project ID.`;
    return { step: Steps.prompting('Project ID', context.authedApiPath, 'backfill_key', output) };
  }
  if (integration.backfillSecret === '') {
    const output = `And now create an API Token with the Messaging scope (API -> Credentials -> New Token) and paste it here.`;
    return { step: Steps.secretPrompt('API Token', context.authedApiPath, 'backfill_secret', output) };
  }
  const check = await verifyBackfillCredentials(
    { descriptor, fetchBackfillPage: (backfill, token) => fetchSignalwireMessagePage(backfill, token) },
    { integration, http: context.http, timeoutMs: context.timeoutMs, providers: context.providers },
  );
  if (!check.verified) {
    return {
      step: { ...Steps.prompting('Space URL', context.authedApiPath, 'api_url', SPACE_OUTPUT), output: RETRY_OUTPUT },
      patch: { apiUrl: '', backfillKey: '', backfillSecret: '' },
    };
  }
  const output = `We are going to start replicating your SignalWire Messages, and will keep them updated.
You can query the table through your database connection: SELECT * FROM ${context.qualifiedTableName}`;
  return { step: Steps.completed(output) };
}

/**
 * What the operator typed as the space becomes the space name
 * (docs/replicators/signalwire_message_v1.md#setup): a value with a `.` is read as a URL
 * (`https://` added if needed) and its host kept without `.signalwire.com`.
 */
export function normalizeSignalwireSpace(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.includes('.')) return trimmed;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
    return host.replace(/\.signalwire\.com$/i, '');
  } catch {
    return trimmed;
  }
}
