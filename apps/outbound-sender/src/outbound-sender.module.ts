import { DynamicModule, Module } from '@nestjs/common';
import { ConsumerGroups, FrontImportCommand, IntegrationSettings, Logger, MediaUrlSigner, SecretBox, SmsAllowlist, Topics } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { Database, findReplicatorRowData, OutboundSendLedger, ServiceIntegrationRepository, TemporaryDocumentRepository } from '@whdb/persistence';
import { encryptionKeyringOf, FetchHttpClient, LOGGER, Metrics, providerEndpointsFrom } from '@whdb/platform';
import { backgroundOrgAlerts, consumerHost, DATABASE, DatabaseModule, KAFKA_PUBLISHER, KafkaModule, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { ExecuteOutboundCommandsUseCase } from './commands/execute-outbound-commands.use-case';
import { prometheusSenderMetrics } from './commands/prometheus-sender-metrics';
import { collectSmsMedia } from './front/collect-sms-media';
import { FrontChannelApi } from './front/front-channel-api';
import { frontAppMissing, FrontImportExecutor } from './front/front-import.executor';
import { CommandIntegrations } from './integrations/command-integrations';
import { FrontAttachmentStager } from './media/stage-front-attachments';
import { TemporaryDocumentSweeper } from './media/temporary-document-sweeper.service';
import { OutboundSenderConfig } from './outbound-sender.config';
import { DeliveryResultPublisher } from './results/delivery-result-publisher';
import { SendSmsExecutor } from './signalwire/send-sms.executor';
import { SignalwireApi } from './signalwire/signalwire-api';

/** The channel whose results the sender publishes (its inbound topic). */
const CHANNEL_SERVICE = 'front_signalwire_message_channel_app_v1';

/** Overrides for tests that need their own group; production uses the catalog (docs/topics.md#catalog). */
export interface OutboundSenderOverrides {
  readonly groupId?: string;
}

/**
 * The outbound sender (docs/behaviour/outbound-sender.md): consumes `whdb.commands.outbound` as
 * `whdb.outbound-sender`, calls SignalWire and Front once per idempotency key, publishes
 * `delivery.result`s to the channel's inbound topic; stages Front attachments as media documents
 * and sweeps expired ones.
 */
@Module({})
export class OutboundSenderModule {
  static forRoot(config: OutboundSenderConfig, overrides: OutboundSenderOverrides = {}): DynamicModule {
    const timeoutMs = config.WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS * 1000;
    const endpoints = providerEndpointsFrom(config);
    const topics = [Topics.commandsOutbound, Topics.dlq(Topics.commandsOutbound), Topics.inbound(CHANNEL_SERVICE)];
    return {
      module: OutboundSenderModule,
      imports: [
        // Each command in flight holds a connection for its key's lock and uses another: room for all.
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-outbound-sender', poolSize: Math.max(10, 2 * config.WHDB_OUTBOUND_SENDER_CONCURRENCY + 2) }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'whdb-outbound-sender', topics: topics.map((name) => ({ name })) }),
        SecretBoxModule.forRoot(encryptionKeyringOf(config)),
      ],
      providers: [
        {
          provide: ExecuteOutboundCommandsUseCase,
          inject: [DATABASE, SECRET_BOX, KAFKA_PUBLISHER, LOGGER, Metrics],
          useFactory: (database: Database, secretBox: SecretBox, publisher: KafkaPublisher, logger: Logger, metrics: Metrics) => {
            const http = new FetchHttpClient({ logger: logger.child({ component: 'provider-http' }), defaultTimeoutMs: timeoutMs });
            const repository = new ServiceIntegrationRepository(database, secretBox);
            const integrations = new CommandIntegrations((opaqueId) => repository.findByOpaqueId(opaqueId));
            const alerts = backgroundOrgAlerts(database, new FetchHttpClient(), logger.child({ component: 'org-alerts' }), config.WHDB_RETRY_BACKOFF_MAX_SECONDS * 1000);
            const senderMetrics = prometheusSenderMetrics(metrics);
            const ledger = new OutboundSendLedger(database);
            const app = config.FRONT_SIGNALWIRE_CHANNEL_APP_ID && config.FRONT_SIGNALWIRE_CHANNEL_APP_SECRET ? { appId: config.FRONT_SIGNALWIRE_CHANNEL_APP_ID, appSecret: config.FRONT_SIGNALWIRE_CHANNEL_APP_SECRET } : null;
            const front = app ? new FrontChannelApi(http, config.FRONT_API_URL, app, timeoutMs) : null;
            const signalwireApi = (integration: IntegrationSettings) => new SignalwireApi(http, integration, endpoints, timeoutMs);
            const stager = new FrontAttachmentStager(new TemporaryDocumentRepository(database), new MediaUrlSigner(encryptionKeyringOf(config)), {
              publicBaseUrl: config.WHDB_PUBLIC_URL,
              frontApiUrl: config.FRONT_API_URL,
              urlTtlMs: config.WHDB_MEDIA_URL_TTL_SECONDS * 1000,
              documentTtlMs: Math.max(config.WHDB_MEDIA_DOCUMENT_TTL_SECONDS, config.WHDB_MEDIA_URL_TTL_SECONDS) * 1000,
            });
            const sms = new SendSmsExecutor({
              ledger,
              integrations,
              signalwireApi,
              allowlist: new SmsAllowlist(config.SIGNALWIRE_SMS_ALLOWLIST),
              stageMedia: async (command) => {
                if (command.attachments.length === 0) return [];
                if (!front) throw frontAppMissing();
                const channel = await integrations.resolve(command.channel);
                return stager.stage(front, channel.settings.backfillKey, command.attachments);
              },
              alerts,
              metrics: senderMetrics,
              logger: logger.child({ component: 'signalwire-sms' }),
            });
            const content = async (command: FrontImportCommand) => {
              const parent = await integrations.resolve(command.signalwire);
              return collectSmsMedia(command, (sid) => findReplicatorRowData(database, parent, 'signalwire_id', sid), async () => signalwireApi(parent.settings));
            };
            const frontImports = new FrontImportExecutor({ ledger, integrations, front, content, alerts, metrics: senderMetrics, logger: logger.child({ component: 'front-import' }) });
            return new ExecuteOutboundCommandsUseCase({ sms, front: frontImports, results: new DeliveryResultPublisher(publisher), logger: logger.child({ component: 'outbound-commands' }) });
          },
        },
        consumerHost(ExecuteOutboundCommandsUseCase, {
          groupId: overrides.groupId ?? ConsumerGroups.outboundSender,
          topics: [Topics.commandsOutbound],
          // One command at a time: a retried provider call never re-runs the commands before it.
          maxBatchSize: 1,
          // Commands of one conversation share a partition, so they stay in order; partitions run side by side.
          partitionsConsumedConcurrently: config.WHDB_OUTBOUND_SENDER_CONCURRENCY,
          sessionTimeoutMs: config.WHDB_CONSUMER_SESSION_TIMEOUT_MS,
          retry: { initialMs: 500, maxMs: config.WHDB_RETRY_BACKOFF_MAX_SECONDS * 1000 },
          metricPrefix: 'whdb_outbound_sender',
        }),
        {
          provide: TemporaryDocumentSweeper,
          inject: [DATABASE, LOGGER, Metrics],
          useFactory: (database: Database, logger: Logger, metrics: Metrics) => {
            const deleted = metrics.counter({ name: 'whdb_outbound_sender_media_documents_deleted_total', help: 'Expired media documents deleted' });
            return new TemporaryDocumentSweeper(new TemporaryDocumentRepository(database), config.WHDB_MEDIA_SWEEP_INTERVAL_SECONDS * 1000, logger.child({ component: 'media-sweeper' }), (count) => deleted.inc(count));
          },
        },
      ],
    };
  }
}
