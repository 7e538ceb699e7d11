import { buildFrontChannelEvent, buildFrontChannelMessage, ChannelFakes, DemoChannel, setUpDemoChannel, startChannelFakes, WhdbStack } from '@whdb/testing';
import { skipLeftovers } from './skip-leftovers';

export const CHANNEL_SERVICE = 'front_signalwire_message_channel_app_v1';

/** The customer number of conversation `n` (all inside the sender's allowlist `+1777*`). */
export const customerNumber = (n: number): string => `+1777${String(n % 10_000_000).padStart(7, '0')}`;

/**
 * The channel stack the bench drives (docs/performance.md#channel-latency): every service as its
 * own process (api, ingress, the SignalWire and channel projectors, reconciler, outbound sender)
 * against in-process fakes of SignalWire and Front, with one organization whose channel is set up
 * through the api and connected by "Front", as in the `npm run up -- --demo channel` demo.
 */
export class ChannelBenchStack {
  fakes!: ChannelFakes;
  stack!: WhdbStack;
  private channel!: DemoChannel;

  constructor(
    private readonly options: { kafkaBrokers: string; databaseUrl: string; nodeArgs: readonly string[]; env?: Readonly<Record<string, string>> },
  ) {}

  async start(): Promise<this> {
    this.fakes = await startChannelFakes({ allowlist: '+1777*', space: 'bench' });
    this.stack = new WhdbStack({
      kafkaBrokers: this.options.kafkaBrokers,
      databaseUrl: this.options.databaseUrl,
      replicators: ['signalwire_message_v1', CHANNEL_SERVICE],
      nodeArgs: this.options.nodeArgs,
      env: { LOG_LEVEL: 'warn', ...this.fakes.env, ...this.options.env },
      // Both projectors are channel hops, deployed with 1 byte (k8s/projectors/*/kustomization.yaml); a knob given to the bench wins.
      projectorEnv: { WHDB_PROJECTOR_FETCH_MIN_BYTES: '1', ...this.options.env },
      reconciler: true,
      outboundSender: true,
      startTimeoutMs: 120_000,
    });
    try {
      const skipped = await skipLeftovers(this.options.kafkaBrokers, CHANNEL_SERVICE);
      if (skipped.length > 0) console.log(`skipped what earlier runs left unread (events per group): ${skipped.join(', ')}`);
      await this.stack.start();
      this.channel = await setUpDemoChannel(this.stack.adminClient(), this.stack.ingressUrl, this.fakes, 'bench_channel');
    } catch (error) {
      await this.stop();
      throw error;
    }
    return this;
  }

  async stop(): Promise<void> {
    await this.stack?.stop();
    await this.fakes?.stop();
  }

  /** Front delivers an agent's reply to the channel (leg "Front reply to SMS" starts). */
  async sendReply(customer: string, text: string): Promise<void> {
    await this.channel.frontDelivers(buildFrontChannelEvent('message', buildFrontChannelMessage({ to: [customer], text })));
  }

  /** SignalWire reports an inbound SMS to the support number (leg "SMS to Front" starts); returns its sid. */
  async sendSms(customer: string, text: string): Promise<string> {
    return String((await this.channel.smsArrives({ from: customer, body: text }))['sid']);
  }

  /** When each SMS body arrived at the SignalWire fake (first send request carrying it). */
  smsArrivals(): Map<string, number> {
    const arrivals = new Map<string, number>();
    for (const request of this.fakes.signalwire.sendRequests()) {
      const body = new URLSearchParams(request.body).get('Body');
      if (body !== null && !arrivals.has(body)) arrivals.set(body, request.at);
    }
    return arrivals;
  }

  /** When each SMS (by sid) arrived at the Front fake as an import. */
  importArrivals(): Map<string, number> {
    const arrivals = new Map<string, number>();
    for (const request of this.fakes.front.importRequests()) {
      const externalId = (JSON.parse(request.body) as { metadata?: { external_id?: string } }).metadata?.external_id;
      if (externalId && !arrivals.has(externalId)) arrivals.set(externalId, request.at);
    }
    return arrivals;
  }
}
