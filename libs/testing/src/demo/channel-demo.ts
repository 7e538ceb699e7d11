import { JsonObject } from '@whdb/core';
import { buildFrontChannelEvent, buildFrontChannelMessage } from '../builders/front-channel-event.builder';
import { FrontImport } from '../fakes/fake-front-channel.server';
import { ControlPlaneClient } from '../http/control-plane-client';
import { ChannelFakes } from './channel-fakes';
import { DemoChannel, setUpDemoChannel } from './demo-channel-setup';

export const DEMO_CUSTOMER_NUMBER = '+15557770123';

export interface ChannelDemoOptions {
  readonly apiUrl: string;
  readonly ingressUrl: string;
  readonly adminToken: string;
  /** Started with `startChannelFakes`; every service must run with `fakes.env`. */
  readonly fakes: ChannelFakes;
  /** Where each step is told (default: nowhere). */
  readonly say?: (line: string) => void;
  readonly timeoutMs?: number;
}

export interface ChannelDemoResult {
  readonly channel: DemoChannel;
  /** The agent's reply as the SignalWire fake received it (a created message). */
  readonly sms: JsonObject;
  /** The customer's SMS as the Front fake received it (an inbound import). */
  readonly frontImport: FrontImport;
}

async function waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s (are the reconciler and the outbound sender running with the fakes' environment?)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The two-way channel once, against the fakes (`npm run up -- --demo channel`, README): set up
 * SignalWire and the channel through the api, Front connects it, an agent's reply in Front becomes
 * an SMS at the SignalWire fake, and the customer's answer becomes an import at the Front fake.
 */
export async function runChannelDemo(options: ChannelDemoOptions): Promise<ChannelDemoResult> {
  const say = options.say ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { signalwire, front } = options.fakes;
  say(`1. Through the api: an organization, a signalwire_message_v1 integration (SignalWire fake ${signalwire.url}), and the channel on it`);
  const channel = await setUpDemoChannel(new ControlPlaneClient(options.apiUrl, options.adminToken), options.ingressUrl, options.fakes);
  say(`   organization ${channel.orgKey}: signalwire_message_v1 ${channel.signalwire.opaqueId}, channel ${channel.channel.opaqueId} (table ${channel.channel.table})`);
  say(`2. Front connected the channel (authorization with the API key from the last setup step): Front channel ${channel.channel.frontChannelId}`);

  const text = 'Hi! Your order shipped today.';
  say(`3. An agent replies in Front to (555) 777-0123: "${text}"`);
  const answer = await channel.frontDelivers(buildFrontChannelEvent('message', buildFrontChannelMessage({ to: ['(555) 777-0123'], text })));
  say(`   the ingress answered Front: ${JSON.stringify(answer)}`);
  const sms = await waitFor(() => signalwire.sent.find((m) => m['body'] === text), timeoutMs, 'the SMS at the SignalWire fake');
  say(`   -> SignalWire fake got an SMS: from ${sms['from']} to ${sms['to']}, "${sms['body']}" (sid ${sms['sid']})`);

  const reply = 'Great, thank you!';
  say(`4. The customer texts back from ${DEMO_CUSTOMER_NUMBER}: "${reply}" (SignalWire's webhook to the ingress)`);
  const message = await channel.smsArrives({ from: DEMO_CUSTOMER_NUMBER, body: reply });
  const frontImport = await waitFor(() => front.imports.find((i) => i.externalId === message['sid']), timeoutMs, 'the import at the Front fake');
  say(`   -> Front fake got an ${frontImport.direction} import into channel ${frontImport.channelId}: from ${frontImport.handle}, "${frontImport.body}" (message_uid ${frontImport.messageUid})`);
  return { channel, sms, frontImport };
}
