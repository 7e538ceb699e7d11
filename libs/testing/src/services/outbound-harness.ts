import { randomBytes, randomUUID } from 'node:crypto';
import { FrontImportCommand, JsonObject, SecretBox, SendSmsCommand, silentLogger, Topics } from '@whdb/core';
import { ConsumedMessage, KafkaPublisher } from '@whdb/kafka';
import {
  connectDatabase,
  Database,
  ensureOrganizationSchema,
  ErrorHandlerRepository,
  OrganizationRepository,
  runMigrations,
  runQuery,
  ServiceIntegrationRepository,
  TemporaryDocumentRepository,
} from '@whdb/persistence';
import { FakeFrontChannel } from '../fakes/fake-front-channel.server';
import { FakeHttpServer } from '../fakes/fake-http-server';
import { FakeSignalwire } from '../fakes/fake-signalwire.server';
import { TopicWatcher } from '../kafka/topic-watcher';
import { freePort } from '../net/free-port';
import { ServiceProcess } from './service-process';

export const CHANNEL_SERVICE_NAME = 'front_signalwire_message_channel_app_v1';
export const CHANNEL_SUPPORT_NUMBER = '+15550001000';

/** An organization with a `signalwire_message_v1` integration (credentials of the fake) and a channel under it. */
export interface ChannelOrg {
  readonly orgId: number;
  readonly orgKey: string;
  readonly signalwire: { readonly opaque_id: string; readonly service_name: string; readonly organization_id: number };
  readonly channel: { readonly opaque_id: string; readonly service_name: string; readonly organization_id: number };
  readonly signalwireTable: { readonly schema: string; readonly table: string };
  readonly frontChannelId: string;
}

/**
 * Everything an outbound-sender test needs, as in production: real Kafka and Postgres, the built
 * ingress (media route) and outbound sender as processes, fake SignalWire and Front, an error
 * handler that records alerts. Commands are published to `whdb.commands.outbound` as the
 * reconciler will publish them.
 */
export class OutboundHarness {
  readonly encryptionKey = randomBytes(32).toString('base64');
  readonly signalwire = new FakeSignalwire({ space: 'acme' });
  readonly front = new FakeFrontChannel();
  readonly alerts = new FakeHttpServer(() => ({ status: 200, body: {} }));
  db!: Database;
  publisher!: KafkaPublisher;
  results!: TopicWatcher;
  ingress!: ServiceProcess;
  sender!: ServiceProcess;
  private ports = { ingress: 0, probe: 0 };

  constructor(
    private readonly kafkaBrokers: string,
    private readonly databaseUrl: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get ingressUrl(): string {
    return `http://127.0.0.1:${this.ports.ingress}`;
  }

  get probeUrl(): string {
    return `http://127.0.0.1:${this.ports.probe}`;
  }

  async start(): Promise<this> {
    this.db = await connectDatabase(this.databaseUrl, { poolSize: 4 });
    await runMigrations(this.db);
    await Promise.all([this.signalwire.start(), this.front.start(), this.alerts.start()]);
    this.ports = { ingress: await freePort(), probe: await freePort() };
    const env = {
      DATABASE_URL: this.databaseUrl,
      KAFKA_BROKERS: this.kafkaBrokers,
      WHDB_ENCRYPTION_KEY: this.encryptionKey,
      WHDB_PUBLIC_URL: this.ingressUrl,
      LOG_LEVEL: 'info',
    };
    this.ingress = await new ServiceProcess({ app: 'ingress', env: { ...env, INGRESS_PORT: String(this.ports.ingress) }, probeUrl: this.ingressUrl }).start();
    this.sender = new ServiceProcess({
      app: 'outbound-sender',
      probeUrl: this.probeUrl,
      env: {
        ...env,
        PROBE_PORT: String(this.ports.probe),
        SIGNALWIRE_URL_TEMPLATE: this.signalwire.urlTemplate,
        FRONT_API_URL: this.front.url,
        FRONT_SIGNALWIRE_CHANNEL_APP_ID: this.front.appId,
        FRONT_SIGNALWIRE_CHANNEL_APP_SECRET: this.front.appSecret,
        SIGNALWIRE_SMS_ALLOWLIST: '+1555*',
        WHDB_RETRY_BACKOFF_MAX_SECONDS: '5',
        WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS: '20',
        // A killed member's partitions move after this long.
        WHDB_CONSUMER_SESSION_TIMEOUT_MS: '8000',
        ...this.extraEnv,
      },
    });
    await this.sender.start(60_000);
    this.publisher = await KafkaPublisher.connect({ brokers: this.kafkaBrokers.split(','), clientId: 'whdb-test-reconciler' }, silentLogger);
    this.results = await new TopicWatcher(this.kafkaBrokers, Topics.inbound(CHANNEL_SERVICE_NAME)).start();
    return this;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.sender?.stop(), this.ingress?.stop(), this.results?.stop(), this.publisher?.disconnect()]);
    await Promise.allSettled([this.signalwire.stop(), this.front.stop(), this.alerts.stop(), this.db?.close()]);
  }

  /** An organization whose SignalWire integration points at the fake, with a channel and an error handler. */
  async createChannelOrg(): Promise<ChannelOrg> {
    const secrets = new SecretBox(this.encryptionKey);
    const orgKey = `sender_${randomBytes(4).toString('hex')}`;
    const org = await new OrganizationRepository(this.db).create({ name: 'Sender test', key: orgKey });
    const integrations = new ServiceIntegrationRepository(this.db, secrets);
    const suffix = randomBytes(2).toString('hex');
    const signalwire = await integrations.create({ organizationId: org.id, serviceName: 'signalwire_message_v1', tableName: `signalwire_message_v1_${suffix}`, opaqueId: `svi_sw${randomBytes(6).toString('hex')}`, apiUrl: this.signalwire.space });
    await integrations.updateSettings(signalwire.id, { backfillKey: this.signalwire.projectId, backfillSecret: this.signalwire.apiToken });
    const frontChannelId = `cha_${randomBytes(4).toString('hex')}`;
    const channel = await integrations.create({ organizationId: org.id, serviceName: CHANNEL_SERVICE_NAME, tableName: `${CHANNEL_SERVICE_NAME}_${suffix}`, opaqueId: `svi_ch${randomBytes(6).toString('hex')}`, apiUrl: CHANNEL_SUPPORT_NUMBER, dependsOnId: signalwire.id });
    await integrations.updateSettings(channel.id, { backfillKey: frontChannelId });
    const { schema } = await ensureOrganizationSchema(this.db, orgKey);
    // The parent table as far as the sender reads it (remote key and data; the projector owns the real DDL).
    await runQuery(this.db, `CREATE TABLE "${schema}"."${signalwire.tableName}" (pk bigserial PRIMARY KEY, signalwire_id text UNIQUE NOT NULL, data jsonb NOT NULL)`);
    await new ErrorHandlerRepository(this.db).create(org.id, `${this.alerts.url}/hooks/${orgKey}`);
    const ref = (opaqueId: string, serviceName: string) => ({ opaque_id: opaqueId, service_name: serviceName, organization_id: org.id });
    return { orgId: org.id, orgKey, signalwire: ref(signalwire.opaqueId, 'signalwire_message_v1'), channel: ref(channel.opaqueId, CHANNEL_SERVICE_NAME), signalwireTable: { schema, table: signalwire.tableName }, frontChannelId };
  }

  /** Puts an SMS in the parent table, as the SignalWire projector would. */
  async replicateSms(org: ChannelOrg, message: JsonObject): Promise<void> {
    const quoted = `"${org.signalwireTable.schema}"."${org.signalwireTable.table}"`;
    await runQuery(this.db, `INSERT INTO ${quoted} (signalwire_id, data) VALUES ($1, $2::jsonb)`, [message['sid'], JSON.stringify(message)]);
  }

  async publish(command: SendSmsCommand | FrontImportCommand): Promise<void> {
    await this.publisher.publish([
      {
        topic: Topics.commandsOutbound,
        key: `${command.channel.opaque_id}:${command.external_id}`,
        value: command,
        metadata: { id: command.id, type: command.type, source: 'whdb/test-reconciler', time: command.issued_at, correlationId: command.correlation_id },
      },
    ]);
  }

  /** The delivery.results of one idempotency key, in order. */
  resultsFor(key: string): JsonObject[] {
    return this.results.messages.map((m: ConsumedMessage) => m.json() as JsonObject).filter((event) => event['command_key'] === key);
  }

  async waitForResults(key: string, count = 1, timeoutMs = 30_000): Promise<JsonObject[]> {
    await this.results.waitFor(() => this.resultsFor(key).length >= count, timeoutMs);
    return this.resultsFor(key);
  }

  /** Alerts POSTed to the organization's error handler. */
  alertsFor(org: ChannelOrg): JsonObject[] {
    return this.alerts.requestsTo(`/hooks/${org.orgKey}`).map((r) => JSON.parse(r.body) as JsonObject);
  }

  /** Deletes staged media past their delete_at, as the sender's sweep does; returns how many. */
  deleteExpiredMedia(): Promise<number> {
    return new TemporaryDocumentRepository(this.db).deleteExpired();
  }

  /** Moves a staged document's delete_at into the past. */
  async expireMedia(documentId: string): Promise<void> {
    await runQuery(this.db, `UPDATE whdb.temporary_documents SET delete_at = now() - interval '1 second' WHERE id = $1`, [documentId]);
  }

  /** Restarts the sender after a crash (same environment). */
  async restartSender(): Promise<void> {
    await this.sender.start(60_000);
  }
}

const base = (org: ChannelOrg, externalId: string, key: string) => ({
  id: randomUUID(),
  correlation_id: randomUUID(),
  issued_at: new Date().toISOString(),
  idempotency_key: key,
  channel: org.channel,
  signalwire: org.signalwire,
  attempt: 1,
  external_id: externalId,
});

/** A Front reply to send as an SMS, as the reconciler issues it. */
export function smsCommand(org: ChannelOrg, overrides: Partial<SendSmsCommand> = {}): SendSmsCommand {
  const externalId = overrides.external_id ?? `msg_${randomBytes(4).toString('hex')}-+15557650000`;
  const to = overrides.to ?? '+15557650000';
  const body = overrides.body ?? `Reply ${randomBytes(3).toString('hex')}`;
  const row = { external_id: externalId, front_message_id: externalId.split('-')[0]!, direction: 'outbound', body, sender: CHANNEL_SUPPORT_NUMBER, recipient: to, external_conversation_id: to };
  return { ...base(org, externalId, `fsmca-fims-${externalId}`), type: 'signalwire.send_sms', from: CHANNEL_SUPPORT_NUMBER, to, body, attachments: [], row, ...overrides };
}

/** An SMS (or a failed-send notice, `row: null`) to import into Front. */
export function frontCommand(org: ChannelOrg, overrides: Partial<FrontImportCommand> = {}): FrontImportCommand {
  const sid = overrides.signalwire_sid === undefined ? randomUUID() : overrides.signalwire_sid;
  const externalId = overrides.external_id ?? sid ?? randomUUID();
  const body = overrides.body ?? `Inbound ${randomBytes(3).toString('hex')}`;
  const row = { external_id: externalId, signalwire_sid: sid, direction: 'inbound', body, sender: '+15557650000', recipient: CHANNEL_SUPPORT_NUMBER, external_conversation_id: '+15557650000' };
  return {
    ...base(org, externalId, `fsmca-fims-${externalId}`),
    type: 'front.import_message',
    direction: 'inbound',
    channel_id: org.frontChannelId,
    external_conversation_id: '+15557650000',
    sender: '+15557650000',
    recipient: CHANNEL_SUPPORT_NUMBER,
    body,
    delivered_at: Math.floor(Date.now() / 1000),
    signalwire_sid: sid,
    row,
    ...overrides,
  };
}
