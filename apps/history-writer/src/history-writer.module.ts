import { DynamicModule, Module } from '@nestjs/common';
import { ConsumerGroups, Logger, Topics } from '@whdb/core';
import { KafkaSettings } from '@whdb/kafka';
import { Database } from '@whdb/persistence';
import { LOGGER, Metrics } from '@whdb/platform';
import { replicatorNames } from '@whdb/replicators';
import { consumerHost, DATABASE, DatabaseModule, KAFKA_SETTINGS, KafkaModule, TopicProvisioner } from '@whdb/service-kit';
import { FillHistoryFromLogUseCase } from './fill/fill-history-from-log.use-case';
import { HistoryFillService } from './fill/history-fill.service';
import { HistoryWriterConfig } from './history-writer.config';
import { HistoryRecorder } from './record/history-recorder';
import { HistoryWriterMetrics, prometheusHistoryWriterMetrics } from './record/history-writer-metrics';
import { RecordRowVersionsUseCase } from './record/record-row-versions.use-case';

/** Overrides for tests that need their own group; production uses the catalog (docs/topics.md#consumer-groups). */
export interface HistoryWriterOverrides {
  readonly groupId?: string;
}

const METRICS = Symbol('HistoryWriterMetrics');

/**
 * The history writer (docs/behaviour/history.md): consumes every `whdb.rows.<service_name>` as its
 * own consumer group (the projectors never wait on it) and writes the changes of integrations whose
 * history is on into `<table>_history`; fills a newly switched-on history from the log.
 */
@Module({})
export class HistoryWriterModule {
  static forRoot(config: HistoryWriterConfig, overrides: HistoryWriterOverrides = {}): DynamicModule {
    const topics = replicatorNames().map((name) => Topics.rows(name));
    return {
      module: HistoryWriterModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-history-writer' }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'whdb-history-writer', topics: topics.flatMap((name) => [{ name }, { name: Topics.dlq(name) }]) }),
      ],
      providers: [
        { provide: METRICS, inject: [Metrics], useFactory: (metrics: Metrics) => prometheusHistoryWriterMetrics(metrics) },
        { provide: HistoryRecorder, inject: [DATABASE, LOGGER], useFactory: (database: Database, logger: Logger) => new HistoryRecorder(database, logger.child({ component: 'history' })) },
        {
          provide: RecordRowVersionsUseCase,
          inject: [HistoryRecorder, METRICS, LOGGER],
          useFactory: (recorder: HistoryRecorder, metrics: HistoryWriterMetrics, logger: Logger) => new RecordRowVersionsUseCase(recorder, metrics, logger.child({ component: 'record' })),
        },
        consumerHost(RecordRowVersionsUseCase, {
          groupId: overrides.groupId ?? ConsumerGroups.historyWriter,
          topics,
          maxBatchSize: config.WHDB_HISTORY_BATCH_SIZE,
          sessionTimeoutMs: config.WHDB_CONSUMER_SESSION_TIMEOUT_MS,
          metricPrefix: 'whdb_history_writer',
        }),
        {
          provide: FillHistoryFromLogUseCase,
          inject: [DATABASE, KAFKA_SETTINGS, HistoryRecorder, METRICS, LOGGER],
          useFactory: (database: Database, kafka: KafkaSettings, recorder: HistoryRecorder, metrics: HistoryWriterMetrics, logger: Logger) =>
            new FillHistoryFromLogUseCase(database, kafka, recorder, metrics, logger.child({ component: 'fill' })),
        },
        {
          provide: HistoryFillService,
          inject: [DATABASE, FillHistoryFromLogUseCase, TopicProvisioner, LOGGER],
          useFactory: (database: Database, fill: FillHistoryFromLogUseCase, provisioner: TopicProvisioner, logger: Logger) =>
            new HistoryFillService(
              database,
              fill,
              { pollMs: config.WHDB_HISTORY_FILL_POLL_SECONDS * 1000, staleAfterMs: config.WHDB_HISTORY_FILL_STALE_SECONDS * 1000, topicsReady: provisioner.ready },
              logger.child({ component: 'fill' }),
            ),
        },
      ],
    };
  }
}
