import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';
import { ControlPlaneClient, FakeSignalwire, sendFrontChannelEvent, StepBody, TopicWatcher, WhdbStack } from '@whdb/testing';

export const CHANNEL_APP_SECRET = `chsec_${randomBytes(12).toString('hex')}`;
export const CHANNEL_APP_ID = 'app_whdb_test';
export const SUPPORT = '+15550001111';
export const CHANNEL_SERVICE = 'front_signalwire_message_channel_app_v1';

/** The environment a channel stack needs: the fake SignalWire, the channel app secret, and the rest as given. */
export function channelStackEnv(fake: FakeSignalwire): Record<string, string> {
  return { SIGNALWIRE_URL_TEMPLATE: fake.urlTemplate, FRONT_SIGNALWIRE_CHANNEL_APP_SECRET: CHANNEL_APP_SECRET, FRONT_SIGNALWIRE_CHANNEL_APP_ID: CHANNEL_APP_ID };
}

/** An organization with a `signalwire_message_v1` integration (polling credentials checked by the fake, webhook secret set) and a channel on it. */
export interface ChannelSetup {
  readonly orgKey: string;
  readonly org: ControlPlaneClient;
  readonly signalwire: { opaqueId: string; table: string; webhookSecret: string };
  readonly channel: { opaqueId: string; table: string; apiKey: string };
  readonly steps: readonly StepBody[];
}

export async function createSignalwireIntegration(org: ControlPlaneClient, orgKey: string, fake: FakeSignalwire): Promise<ChannelSetup['signalwire']> {
  const created = await org.createIntegration(orgKey, 'signalwire_message_v1');
  const opaqueId = created.service_integration.opaque_id;
  await org.transition(orgKey, opaqueId, 'api_url', fake.space);
  await org.transition(orgKey, opaqueId, 'backfill_key', fake.projectId);
  await org.transition(orgKey, opaqueId, 'backfill_secret', fake.apiToken);
  const webhookSecret = `whdb:${randomBytes(8).toString('hex')}`;
  await org.transition(orgKey, opaqueId, 'webhook_secret', webhookSecret);
  return { opaqueId, table: created.service_integration.table_name, webhookSecret };
}

/** Creates the channel as an operator does: dependency choice, phone number, then the API key from the output. */
export async function setUpChannel(stack: WhdbStack, fake: FakeSignalwire, prefix: string): Promise<ChannelSetup> {
  const orgKey = `${prefix}_${randomBytes(4).toString('hex')}`;
  const created = await stack.adminClient().createOrganization(`${prefix} org`, orgKey);
  const org = stack.adminClient().withToken(created.token);
  const signalwire = await createSignalwireIntegration(org, orgKey, fake);
  const first = await org.createIntegration(orgKey, CHANNEL_SERVICE);
  const opaqueId = first.service_integration.opaque_id;
  const chosen = await org.transition(orgKey, opaqueId, 'dependency_choice', '1');
  const done = await org.transition(orgKey, opaqueId, 'api_url', '(555) 000-1111');
  const apiKey = /sk\/\S+/.exec(done.output)?.[0];
  if (!apiKey) throw new Error(`no API key in the channel's last step: ${done.output}`);
  return { orgKey, org, signalwire, channel: { opaqueId, table: first.service_integration.table_name, apiKey }, steps: [first, chosen, done] };
}

export function channelUrl(stack: WhdbStack, path = 'channel'): string {
  return `${stack.ingressUrl}/v1/install/front_signalwire/${path}`;
}

/** POSTs (or DELETEs) a Front channel event signed with the channel app secret, with the channel's API key. */
export function sendChannelEvent(stack: WhdbStack, setup: ChannelSetup, body: unknown, options: Parameters<typeof sendFrontChannelEvent>[4] & { path?: string } = {}) {
  return sendFrontChannelEvent(channelUrl(stack, options.path), CHANNEL_APP_SECRET, setup.channel.apiKey, body, options);
}

/** Delivers a SignalWire message to the parent integration's generic endpoint (Basic auth), as the poll would store it. */
export async function deliverSms(stack: WhdbStack, setup: ChannelSetup, message: JsonObject): Promise<void> {
  const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/${setup.signalwire.opaqueId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(setup.signalwire.webhookSecret).toString('base64')}` },
    body: JSON.stringify(message),
  });
  if (response.status !== 202) throw new Error(`SignalWire delivery answered ${response.status}: ${await response.text()}`);
}

export interface CommandValue {
  readonly type: string;
  readonly idempotency_key: string;
  readonly external_id: string;
  readonly attempt: number;
  readonly channel: { opaque_id: string };
  readonly row: JsonObject | null;
  readonly [field: string]: unknown;
}

/** Commands of one channel seen on `whdb.commands.outbound` so far. */
export function commandsOf(watcher: TopicWatcher, channelOpaqueId: string, filter: (command: CommandValue) => boolean = () => true): CommandValue[] {
  return watcher.messages.map((m) => m.json<CommandValue>()).filter((c) => c.channel?.opaque_id === channelOpaqueId && filter(c));
}

export async function waitForCommand(watcher: TopicWatcher, channelOpaqueId: string, filter: (command: CommandValue) => boolean): Promise<CommandValue> {
  const message = await watcher.waitFor((m) => {
    const command = m.json<CommandValue>();
    return command.channel?.opaque_id === channelOpaqueId && filter(command);
  });
  return message.json<CommandValue>();
}

/**
 * Waits long enough for a wrong extra command to show up (the reconciler answers a row change in
 * milliseconds): used only to assert that something did NOT happen.
 */
export function settle(ms = 2500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
