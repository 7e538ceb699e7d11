import { DynamicModule, Module } from '@nestjs/common';
import { ConsumerGroups, Logger, SecretBox, Topics } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { ChannelCommandLedger, ChannelTableReader, Database, IdempotencyStore } from '@whdb/persistence';
import { encryptionKeyringOf, FetchHttpClient, LOGGER, Metrics } from '@whdb/platform';
import { backgroundOrgAlerts, consumerHost, DATABASE, DatabaseModule, KAFKA_PUBLISHER, KafkaModule, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { CHANNEL_SERVICE, channelDirectory } from './reconcile/channel-directory';
import { ChannelCommandIssuer } from './reconcile/channel-command-issuer';
import { ChannelPublisher } from './reconcile/channel-publisher';
import { ReconcileRowChangesUseCase, SIGNALWIRE_SERVICE } from './reconcile/reconcile-row-changes.use-case';
import { prometheusReconcilerMetrics, ReconcilerMetrics } from './reconcile/reconciler-metrics';
import { RetryPolicy } from './reconcile/retry-policy';
import { ReconcilerConfig } from './reconciler.config';
import { SweepService } from './sweep/sweep.service';

/** Overrides for tests that need their own group; production uses the catalog (docs/topics.md#catalog). */
export interface ReconcilerOverrides {
  readonly groupId?: string;
}

const RECONCILER_METRICS = Symbol('ReconcilerMetrics');
const ISSUER = Symbol('ChannelCommandIssuer');
const PUBLISHER = Symbol('ChannelPublisher');

/**
 * The channel's reconciler (docs/behaviour/channel.md): one use case on the row changes of
 * `signalwire_message_v1` and of the channel (group `whdb.reconciler`), and the periodic sweep of
 * unconverged rows. It reads the control plane and the channel tables, and writes only its command
 * ledger and once-ever keys; everything else goes out through Kafka.
 */
@Module({})
export class ReconcilerModule {
  static forRoot(config: ReconcilerConfig, overrides: ReconcilerOverrides = {}): DynamicModule {
    const topics = [Topics.rows(SIGNALWIRE_SERVICE), Topics.rows(CHANNEL_SERVICE)];
    const published = [Topics.commandsOutbound, Topics.inbound(CHANNEL_SERVICE)];
    const retry: RetryPolicy = { baseMs: config.WHDB_RECONCILER_RETRY_BASE_SECONDS * 1000, maxMs: config.WHDB_RETRY_BACKOFF_MAX_SECONDS * 1000, maxAttempts: config.WHDB_RECONCILER_MAX_ATTEMPTS };
    const cacheMs = config.WHDB_INTEGRATION_CACHE_SECONDS * 1000;
    return {
      module: ReconcilerModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-reconciler' }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'whdb-reconciler', topics: [...topics, ...published].flatMap((name) => [{ name }, { name: Topics.dlq(name) }]) }),
        SecretBoxModule.forRoot(encryptionKeyringOf(config)),
      ],
      providers: [
        { provide: RECONCILER_METRICS, inject: [Metrics], useFactory: (metrics: Metrics) => prometheusReconcilerMetrics(metrics) },
        { provide: PUBLISHER, inject: [KAFKA_PUBLISHER], useFactory: (publisher: KafkaPublisher) => new ChannelPublisher(publisher) },
        {
          provide: ISSUER,
          inject: [DATABASE, PUBLISHER, RECONCILER_METRICS, LOGGER],
          useFactory: (database: Database, publisher: ChannelPublisher, metrics: ReconcilerMetrics, logger: Logger) =>
            new ChannelCommandIssuer({ ledger: new ChannelCommandLedger(database), publisher, retry, metrics, logger: logger.child({ component: 'commands' }) }),
        },
        {
          provide: ReconcileRowChangesUseCase,
          inject: [DATABASE, SECRET_BOX, ISSUER, PUBLISHER, RECONCILER_METRICS, LOGGER],
          useFactory: (database: Database, secretBox: SecretBox, issuer: ChannelCommandIssuer, publisher: ChannelPublisher, metrics: ReconcilerMetrics, logger: Logger) =>
            new ReconcileRowChangesUseCase({
              directory: channelDirectory(database, secretBox, cacheMs),
              tables: new ChannelTableReader(database),
              onceEver: new IdempotencyStore(database),
              issuer,
              publisher,
              metrics,
              logger: logger.child({ component: 'reconcile' }),
              cutoffSeconds: config.FRONT_CHANNEL_SYNC_CUTOFF_SECONDS,
            }),
        },
        consumerHost(ReconcileRowChangesUseCase, {
          groupId: overrides.groupId ?? ConsumerGroups.reconciler,
          topics,
          maxBatchSize: 100,
          // A fetch answers as soon as one byte is there: a longer wait costs no latency, only idle polls.
          fetchMinBytes: 1,
          fetchMaxWaitMs: 500,
          // Both topics' partitions side by side (docs/performance.md#channel-latency).
          partitionsConsumedConcurrently: config.WHDB_RECONCILER_CONCURRENCY,
          sessionTimeoutMs: config.WHDB_CONSUMER_SESSION_TIMEOUT_MS,
          metricPrefix: 'whdb_reconciler',
        }),
        {
          provide: SweepService,
          inject: [DATABASE, SECRET_BOX, ISSUER, PUBLISHER, RECONCILER_METRICS, LOGGER],
          useFactory: (database: Database, secretBox: SecretBox, issuer: ChannelCommandIssuer, publisher: ChannelPublisher, metrics: ReconcilerMetrics, logger: Logger) =>
            new SweepService(
              {
                directory: channelDirectory(database, secretBox, cacheMs),
                tables: new ChannelTableReader(database),
                ledger: new ChannelCommandLedger(database),
                issuer,
                publisher,
                alerts: backgroundOrgAlerts(database, new FetchHttpClient(), logger.child({ component: 'org-alerts' }), config.WHDB_RETRY_BACKOFF_MAX_SECONDS * 1000),
                retry,
                metrics,
                logger: logger.child({ component: 'sweep' }),
                cutoffSeconds: config.FRONT_CHANNEL_SYNC_CUTOFF_SECONDS,
              },
              config.WHDB_RECONCILER_SWEEP_INTERVAL_SECONDS * 1000,
              logger.child({ component: 'sweep' }),
            ),
        },
      ],
    };
  }
}
