import path from 'node:path';
import { buildFrontChannelEvent, buildFrontChannelMessage, FakeFrontChannel, FakeSignalwire, freePort, REPO_ROOT, TableProbe, TcpFaultProxy, WhdbStack } from '@whdb/testing';
import { randomBytes } from 'node:crypto';
import { FAST_BACKFILLER_ENV } from '../backfill/backfill-fixture';
import { CHANNEL_APP_ID, CHANNEL_APP_SECRET, CHANNEL_SERVICE, channelStackEnv, ChannelSetup, sendChannelEvent, setUpChannel } from '../channel/channel-fixture';
import { IncreaseIntegration, postSignedAccount, setUpIncreaseIntegration } from '../stack-fixture';
import { PreparedDelivery } from './load-driver';

/** The services a test can cut off from Kafka or Postgres, each through proxies of its own. */
export const LINKED_SERVICES = ['ingress', 'projectors', 'reconciler', 'sender', 'backfiller'] as const;
export type LinkedService = (typeof LINKED_SERVICES)[number];

/** Customers the channel texts: the outbound sender's allowlist covers them (and nobody else). */
const CUSTOMER_PREFIX = '+1777';

/** tools/infra's broker that a test may stop and start again (tools/infra/README.md#kafka-down-then-back). */
interface RestartableKafka {
  readonly brokers: string;
  start(): Promise<unknown>;
  stop(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<unknown>;
}

function restartableKafka(port: number, controllerPort: number): RestartableKafka {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { restartable } = require(path.join(REPO_ROOT, 'tools/infra/restartable.cjs')) as { restartable(options: { name: string; port: number; controllerPort: number }): RestartableKafka };
  return restartable({ name: 'chaos-suite', port, controllerPort });
}

/** `node --require` it: routes a service's Kafka connections through its proxy (see the file). */
const CONNECT_REDIRECT = path.join(REPO_ROOT, 'libs/testing/src/net/connect-redirect.cjs');

/**
 * Every service as its own process (api, ingress, the Increase, SignalWire and channel projectors,
 * reconciler, outbound sender, backfiller) on a Kafka broker of the suite's own, which it may restart.
 * Each service but the api reaches Kafka and Postgres through `TcpFaultProxy`s the suite controls,
 * one pair per service, so one link can be partitioned. The load: signed Increase account webhooks
 * (rows expected in Postgres) and Front replies through the SignalWire channel (an SMS expected at
 * the fake SignalWire).
 */
export class ChaosStack {
  readonly databaseUrl = process.env['DATABASE_URL']!;
  readonly signalwire = new FakeSignalwire({ space: 'chaos' });
  readonly front = new FakeFrontChannel({ appId: CHANNEL_APP_ID, appSecret: CHANNEL_APP_SECRET });
  readonly kafkaLinks = new Map<LinkedService, TcpFaultProxy>();
  readonly postgresLinks = new Map<LinkedService, TcpFaultProxy>();
  kafka!: RestartableKafka;
  stack!: WhdbStack;
  probe!: TableProbe;
  increase!: IncreaseIntegration;
  channel!: ChannelSetup;
  readonly orgKeys: string[] = [];
  /** Run at stop (fakes a scenario started). */
  readonly cleanups: (() => Promise<unknown>)[] = [];

  async start(): Promise<this> {
    // A fixed port (WHDB_CHAOS_KAFKA_PORT) keeps the broker's data between runs on a developer's machine.
    const port = Number(process.env['WHDB_CHAOS_KAFKA_PORT'] ?? 0) || (await freePort());
    const controllerPort = process.env['WHDB_CHAOS_KAFKA_PORT'] ? port + 1 : await freePort();
    this.kafka = restartableKafka(port, controllerPort);
    await this.startKafka();
    await Promise.all([this.signalwire.start(), this.front.start()]);
    const { rewrite } = TcpFaultProxy.forUrl(this.databaseUrl);
    const pg = new URL(this.databaseUrl);
    const env: Partial<Record<LinkedService, Record<string, string>>> = {};
    for (const service of LINKED_SERVICES) {
      const kafkaLink = await new TcpFaultProxy('127.0.0.1', port).start();
      const postgresLink = await new TcpFaultProxy(pg.hostname, Number(pg.port || 5432)).start();
      this.kafkaLinks.set(service, kafkaLink);
      this.postgresLinks.set(service, postgresLink);
      env[service] = { DATABASE_URL: rewrite(postgresLink.port), WHDB_TEST_CONNECT_REDIRECT: `127.0.0.1:${port}>127.0.0.1:${kafkaLink.port}` };
    }
    this.stack = await new WhdbStack({
      kafkaBrokers: this.kafka.brokers,
      databaseUrl: this.databaseUrl,
      replicators: ['increase_account_v1', 'signalwire_message_v1', CHANNEL_SERVICE],
      nodeArgs: ['--require', CONNECT_REDIRECT],
      env: {
        ...channelStackEnv(this.signalwire),
        FRONT_API_URL: this.front.url,
        // A killed consumer's partitions move soon; the ingress answers 503 soon when Kafka does not acknowledge.
        WHDB_CONSUMER_SESSION_TIMEOUT_MS: '6000',
        WHDB_KAFKA_SEND_TIMEOUT_MS: '2000',
      },
      ingressEnv: env.ingress,
      projectorEnv: env.projectors,
      // Unconverged rows are re-issued after 5 s: the sender must answer those from its record, never send twice.
      reconciler: { ...env.reconciler, WHDB_RECONCILER_SWEEP_INTERVAL_SECONDS: '1', WHDB_RECONCILER_RETRY_BASE_SECONDS: '5', WHDB_RETRY_BACKOFF_MAX_SECONDS: '10', WHDB_RECONCILER_MAX_ATTEMPTS: '100' },
      outboundSender: { ...env.sender, SIGNALWIRE_SMS_ALLOWLIST: `${CUSTOMER_PREFIX}*`, WHDB_RETRY_BACKOFF_MAX_SECONDS: '2', WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS: '10' },
      backfiller: { ...env.backfiller, ...FAST_BACKFILLER_ENV },
      startTimeoutMs: 180_000,
    }).start();
    this.probe = await TableProbe.connect(this.databaseUrl);
    this.increase = await setUpIncreaseIntegration(this.stack, 'chaos');
    this.channel = await setUpChannel(this.stack, this.signalwire, 'chaos_chan');
    this.orgKeys.push(this.increase.orgKey, this.channel.orgKey);
    const authorized = await sendChannelEvent(this.stack, this.channel, { type: 'authorization', payload: { channel_id: `cha_${randomBytes(4).toString('hex')}` } });
    if (authorized.status !== 200) throw new Error(`the channel's authorization answered ${authorized.status}`);
    return this;
  }

  /** Starts the suite's broker; a start on a loaded machine may outlast tools/infra's 60 s wait, and the data is intact, so it tries again. */
  async startKafka(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.kafka.start();
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  async stop(): Promise<void> {
    for (const link of [...this.kafkaLinks.values(), ...this.postgresLinks.values()]) link.restore();
    await this.stack?.stop();
    for (const orgKey of this.orgKeys) await this.probe?.dropOrganizationSchema(orgKey).catch(() => undefined);
    await this.probe?.close();
    await Promise.all([...this.kafkaLinks.values(), ...this.postgresLinks.values()].map((link) => link.stop()));
    await Promise.allSettled([this.signalwire.stop(), this.front.stop(), ...this.cleanups.map((cleanup) => cleanup())]);
    await this.kafka?.stop();
  }

  /** What the load driver sends: a signed Increase account (key: its id), a Front reply (key: its text). */
  deliveries(label: string): Record<'webhook' | 'sms', () => PreparedDelivery> {
    let n = 0;
    return {
      webhook: () => {
        const id = `account_chaos_${randomBytes(8).toString('hex')}`;
        return { key: id, send: async () => (await postSignedAccount(this.stack, this.increase, { id })).response.status };
      },
      sms: () => {
        const text = `chaos ${label} ${(n += 1)} ${randomBytes(3).toString('hex')}`;
        // Recipients spread over the topic's partitions (a conversation's commands share one).
        const to = `${CUSTOMER_PREFIX}555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
        const event = buildFrontChannelEvent('message', buildFrontChannelMessage({ to: [to], text }));
        return { key: text, send: async () => (await sendChannelEvent(this.stack, this.channel, event)).status };
      },
    };
  }

  /** Rows per remote id among `ids` in the Increase integration's table. */
  async rowsPerId(ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.probe.query<{ id: string; n: string }>(
      `SELECT increase_id AS id, count(*)::text AS n FROM whdb_org_${this.increase.orgKey}.${this.increase.table} WHERE increase_id = ANY($1::text[]) GROUP BY increase_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  /** SMS SignalWire created, per body. */
  smsPerBody(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of this.signalwire.sent) counts.set(String(message['body']), (counts.get(String(message['body'])) ?? 0) + 1);
    return counts;
  }
}
