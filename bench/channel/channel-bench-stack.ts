import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';
import { buildFrontChannelEvent, buildFrontChannelMessage, buildSignalwireMessage, FakeFrontChannel, FakeSignalwire, frontChannelHeaders, WhdbStack } from '@whdb/testing';

export const CHANNEL_SERVICE = 'front_signalwire_message_channel_app_v1';
const SUPPORT_TYPED = '(555) 000-1111';
export const SUPPORT = '+15550001111';
const APP_ID = 'app_whdb_bench';

/** The customer number of conversation `n` (all inside the sender's allowlist `+1777*`). */
export const customerNumber = (n: number): string => `+1777${String(n % 10_000_000).padStart(7, '0')}`;

/**
 * The channel stack the bench drives (docs/performance.md#channel-latency): every service as its
 * own process (api, ingress, the SignalWire and channel projectors, reconciler, outbound sender)
 * against in-process fakes of SignalWire and Front, with one organization whose channel is set up
 * through the api and authorized by "Front", as an operator would.
 */
export class ChannelBenchStack {
  readonly signalwire = new FakeSignalwire({ space: 'bench' });
  readonly front: FakeFrontChannel;
  readonly appSecret = `chsec_${randomBytes(12).toString('hex')}`;
  stack!: WhdbStack;
  private channel = { apiKey: '', opaqueId: '' };
  private signalwireIntegration = { opaqueId: '', basic: '' };

  constructor(
    private readonly options: { kafkaBrokers: string; databaseUrl: string; nodeArgs: readonly string[]; env?: Readonly<Record<string, string>> },
  ) {
    this.front = new FakeFrontChannel({ appId: APP_ID, appSecret: this.appSecret });
  }

  async start(): Promise<this> {
    await Promise.all([this.signalwire.start(), this.front.start()]);
    this.stack = new WhdbStack({
      kafkaBrokers: this.options.kafkaBrokers,
      databaseUrl: this.options.databaseUrl,
      replicators: ['signalwire_message_v1', CHANNEL_SERVICE],
      nodeArgs: this.options.nodeArgs,
      env: {
        LOG_LEVEL: 'warn',
        SIGNALWIRE_URL_TEMPLATE: this.signalwire.urlTemplate,
        FRONT_API_URL: this.front.url,
        FRONT_SIGNALWIRE_CHANNEL_APP_ID: APP_ID,
        FRONT_SIGNALWIRE_CHANNEL_APP_SECRET: this.appSecret,
        ...this.options.env,
      },
      reconciler: true,
      outboundSender: { SIGNALWIRE_SMS_ALLOWLIST: '+1777*' },
      startTimeoutMs: 120_000,
    });
    try {
      await this.stack.start();
      await this.setUpOrganization();
    } catch (error) {
      await this.stop();
      throw error;
    }
    return this;
  }

  async stop(): Promise<void> {
    await this.stack?.stop();
    await Promise.all([this.signalwire.stop(), this.front.stop()]);
  }

  private async setUpOrganization(): Promise<void> {
    const orgKey = `bench_channel_${randomBytes(4).toString('hex')}`;
    const created = await this.stack.adminClient().createOrganization('Channel benchmark', orgKey);
    const org = this.stack.adminClient().withToken(created.token);
    const signalwire = await org.createIntegration(orgKey, 'signalwire_message_v1');
    const swId = signalwire.service_integration.opaque_id;
    const webhookSecret = `whdb:${randomBytes(8).toString('hex')}`;
    for (const [field, value] of [['api_url', this.signalwire.space], ['backfill_key', this.signalwire.projectId], ['backfill_secret', this.signalwire.apiToken], ['webhook_secret', webhookSecret]] as const) {
      await org.transition(orgKey, swId, field, value);
    }
    const channel = await org.createIntegration(orgKey, CHANNEL_SERVICE);
    const channelId = channel.service_integration.opaque_id;
    await org.transition(orgKey, channelId, 'dependency_choice', '1');
    const done = await org.transition(orgKey, channelId, 'api_url', SUPPORT_TYPED);
    const apiKey = /sk\/\S+/.exec(done.output)?.[0];
    if (!apiKey) throw new Error(`no API key in the channel's last step: ${done.output}`);
    this.channel = { apiKey, opaqueId: channelId };
    this.signalwireIntegration = { opaqueId: swId, basic: `Basic ${Buffer.from(webhookSecret).toString('base64')}` };
    await this.channelEvent({ type: 'authorization', payload: { channel_id: `cha_bench${randomBytes(3).toString('hex')}` } });
  }

  /** Front delivers an agent's reply to the channel (leg "Front reply to SMS" starts). */
  async sendReply(customer: string, text: string): Promise<void> {
    await this.channelEvent(buildFrontChannelEvent('message', buildFrontChannelMessage({ to: [customer], text })));
  }

  /** SignalWire reports an inbound SMS to the support number (leg "SMS to Front" starts); returns its sid. */
  async sendSms(customer: string, text: string): Promise<string> {
    const message: JsonObject = buildSignalwireMessage({ direction: 'inbound', from: customer, to: SUPPORT, status: 'received', body: text, num_media: 0 }, new Date());
    const response = await fetch(`${this.stack.ingressUrl}/v1/service_integrations/${this.signalwireIntegration.opaqueId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: this.signalwireIntegration.basic },
      body: JSON.stringify(message),
    });
    if (response.status !== 202) throw new Error(`the SMS webhook answered ${response.status}: ${await response.text()}`);
    return String(message['sid']);
  }

  private async channelEvent(body: JsonObject): Promise<void> {
    const raw = JSON.stringify(body);
    const response = await fetch(`${this.stack.ingressUrl}/v1/install/front_signalwire/channel`, { method: 'POST', headers: frontChannelHeaders(this.appSecret, this.channel.apiKey, raw), body: raw });
    if (response.status !== 200) throw new Error(`the channel delivery answered ${response.status}: ${await response.text()}`);
  }

  /** When each SMS body arrived at the SignalWire fake (first send request carrying it). */
  smsArrivals(): Map<string, number> {
    const arrivals = new Map<string, number>();
    for (const request of this.signalwire.sendRequests()) {
      const body = new URLSearchParams(request.body).get('Body');
      if (body !== null && !arrivals.has(body)) arrivals.set(body, request.at);
    }
    return arrivals;
  }

  /** When each SMS (by sid) arrived at the Front fake as an import. */
  importArrivals(): Map<string, number> {
    const arrivals = new Map<string, number>();
    for (const request of this.front.importRequests()) {
      const externalId = (JSON.parse(request.body) as { metadata?: { external_id?: string } }).metadata?.external_id;
      if (externalId && !arrivals.has(externalId)) arrivals.set(externalId, request.at);
    }
    return arrivals;
  }
}
