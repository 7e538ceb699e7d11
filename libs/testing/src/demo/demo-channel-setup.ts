import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';
import { buildSignalwireMessage } from '../builders/signalwire-message.builder';
import { sendFrontChannelEvent } from '../fakes/front-channel-delivery';
import { ControlPlaneClient } from '../http/control-plane-client';
import { ChannelFakes } from './channel-fakes';

export const DEMO_SUPPORT_NUMBER = '+15550001111';

/** An organization whose SignalWire integration points at the fake and whose channel Front has connected. */
export interface DemoChannel {
  readonly orgKey: string;
  readonly token: string;
  readonly signalwire: { readonly opaqueId: string; readonly table: string };
  readonly channel: { readonly opaqueId: string; readonly table: string; readonly apiKey: string; readonly frontChannelId: string };
  /** Front POSTs a signed channel event (`{type, payload}`) with the channel's API key; throws unless 200. */
  frontDelivers(event: JsonObject): Promise<unknown>;
  /** SignalWire's message reaches the SignalWire integration's endpoint (Basic auth); returns it. */
  smsArrives(overrides: JsonObject): Promise<JsonObject>;
}

/**
 * Sets the channel up as an operator does (docs/behaviour/channel.md, README "Set up SignalWire"):
 * through the api an organization, a `signalwire_message_v1` integration (the fake's space,
 * project id and API token, a webhook secret), the channel on it (parent, support number, then
 * the API key from the last step); then Front's `authorization` call connects it.
 */
export async function setUpDemoChannel(admin: ControlPlaneClient, ingressUrl: string, fakes: ChannelFakes, prefix = 'demo'): Promise<DemoChannel> {
  const orgKey = `${prefix}_${randomBytes(3).toString('hex')}`;
  const created = await admin.createOrganization('Channel demo', orgKey);
  const org = admin.withToken(created.token);
  const sw = (await org.createIntegration(orgKey, 'signalwire_message_v1')).service_integration;
  const webhookSecret = `whdb:${randomBytes(8).toString('hex')}`;
  for (const [field, value] of [['api_url', fakes.signalwire.space], ['backfill_key', fakes.signalwire.projectId], ['backfill_secret', fakes.signalwire.apiToken], ['webhook_secret', webhookSecret]] as const) {
    await org.transition(orgKey, sw.opaque_id, field, value);
  }
  const first = await org.createIntegration(orgKey, 'front_signalwire_message_channel_app_v1');
  const channelOpaqueId = first.service_integration.opaque_id;
  await org.transition(orgKey, channelOpaqueId, 'dependency_choice', '1');
  const done = await org.transition(orgKey, channelOpaqueId, 'api_url', DEMO_SUPPORT_NUMBER);
  const apiKey = /sk\/\S+/.exec(done.output)?.[0];
  if (!apiKey) throw new Error(`no API key in the channel's last step: ${done.output}`);
  const appSecret = fakes.env['FRONT_SIGNALWIRE_CHANNEL_APP_SECRET']!;
  const frontDelivers = async (event: JsonObject) => {
    const answer = await sendFrontChannelEvent(`${ingressUrl}/v1/install/front_signalwire/channel`, appSecret, apiKey, event);
    if (answer.status !== 200) throw new Error(`the channel answered Front ${answer.status}: ${answer.text}`);
    return answer.json;
  };
  const basic = `Basic ${Buffer.from(webhookSecret).toString('base64')}`;
  const smsArrives = async (overrides: JsonObject) => {
    const message = buildSignalwireMessage({ direction: 'inbound', to: DEMO_SUPPORT_NUMBER, status: 'received', num_media: 0, ...overrides }, new Date(), fakes.signalwire.projectId);
    const response = await fetch(`${ingressUrl}/v1/service_integrations/${sw.opaque_id}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: JSON.stringify(message) });
    if (response.status !== 202) throw new Error(`the SMS webhook answered ${response.status}: ${await response.text()}`);
    return message;
  };
  const frontChannelId = `cha_${randomBytes(4).toString('hex')}`;
  await frontDelivers({ type: 'authorization', payload: { channel_id: frontChannelId } });
  return {
    orgKey,
    token: created.token,
    signalwire: { opaqueId: sw.opaque_id, table: sw.table_name },
    channel: { opaqueId: channelOpaqueId, table: first.service_integration.table_name, apiKey, frontChannelId },
    frontDelivers,
    smsArrives,
  };
}
