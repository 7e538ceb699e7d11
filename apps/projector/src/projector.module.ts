import { DynamicModule, Module } from '@nestjs/common';
import { ConsumerGroups, Logger, Topics } from '@whdb/core';
import { KafkaPublisher, KafkaSettings } from '@whdb/kafka';
import { Database, ProjectionTargetRepository, ProjectionWriter } from '@whdb/persistence';
import { LOGGER, Metrics } from '@whdb/platform';
import { findReplicator } from '@whdb/replicators';
import { consumerHost, DATABASE, DatabaseModule, IntegrationCache, KAFKA_PUBLISHER, KAFKA_SETTINGS, KafkaModule } from '@whdb/service-kit';
import { EnsureLiveTablesService } from './live-tables/ensure-live-tables.service';
import { OutboxSweeperService } from './outbox/outbox-sweeper.service';
import { RowChangePublisher } from './outbox/row-change-publisher';
import { ProjectInboundEventsUseCase } from './projection/project-inbound-events.use-case';
import { ProjectorConfig } from './projector.config';
import { RebuildTableUseCase } from './rebuild/rebuild-table.use-case';
import { TableRebuildWorkerService } from './rebuild/table-rebuild-worker.service';

/** Integration lookups are reused this long; a table is only renamed by an explicit operation. */
const TARGET_CACHE_MS = 30_000;

/** Overrides for tests that need their own topic and group; production uses the catalog's names (docs/topics.md#catalog). */
export interface ProjectorOverrides {
  readonly topic?: string;
  readonly groupId?: string;
}

/**
 * One replicator's projector (docs/architecture.md#projector): consume its inbound topic, own its
 * tables, publish their row changes. The worker is its use case plus the shared consumer host.
 */
@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig, overrides: ProjectorOverrides = {}): DynamicModule {
    const replicator = findReplicator(config.WHDB_REPLICATOR);
    if (!replicator) throw new Error(`No replicator named ${config.WHDB_REPLICATOR}`);
    const serviceName = replicator.descriptor.name;
    const inbound = overrides.topic ?? Topics.inbound(serviceName);
    const groupId = overrides.groupId ?? ConsumerGroups.projector(serviceName);
    const labels = { service_name: serviceName };
    return {
      module: ProjectorModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: `whdb-projector-${serviceName}` }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: `whdb-projector-${serviceName}`,
          topics: [{ name: inbound }, { name: Topics.dlq(inbound) }, { name: Topics.rows(serviceName) }],
        }),
      ],
      providers: [
        {
          provide: EnsureLiveTablesService,
          inject: [DATABASE, LOGGER],
          useFactory: (database: Database, logger: Logger) => new EnsureLiveTablesService(database, replicator, logger.child({ component: 'live-tables' })),
        },
        {
          provide: RowChangePublisher,
          inject: [KAFKA_PUBLISHER, DATABASE, LOGGER, Metrics],
          useFactory: (publisher: KafkaPublisher, database: Database, logger: Logger, metrics: Metrics) => {
            const published = metrics.counter({ name: 'whdb_row_changes_published_total', help: 'Row-change events published to Kafka', labelNames: ['service_name'] });
            return new RowChangePublisher(publisher, database, logger.child({ component: 'row-changes' }), (count) => published.inc(labels, count));
          },
        },
        {
          provide: ProjectInboundEventsUseCase,
          inject: [DATABASE, RowChangePublisher, LOGGER, Metrics],
          useFactory: (database: Database, rowChanges: RowChangePublisher, logger: Logger, metrics: Metrics) => {
            const changed = metrics.counter({ name: 'whdb_projector_rows_changed_total', help: 'Rows inserted or updated', labelNames: ['service_name'] });
            const repository = new ProjectionTargetRepository(database);
            const targets = new IntegrationCache((opaqueId) => repository.find(opaqueId), TARGET_CACHE_MS);
            return new ProjectInboundEventsUseCase({
              replicator,
              stream: groupId,
              targetOf: (opaqueId) => targets.get(opaqueId),
              forgetTargets: (opaqueIds) => opaqueIds.forEach((opaqueId) => targets.forget(opaqueId)),
              writer: new ProjectionWriter(database, replicator.schema),
              rowChanges,
              logger: logger.child({ component: 'projection' }),
              onProjected: (result) => changed.inc(labels, result.changed),
            });
          },
        },
        consumerHost(ProjectInboundEventsUseCase, {
          groupId,
          topics: [inbound],
          maxBatchSize: config.WHDB_PROJECTOR_BATCH_SIZE,
          sessionTimeoutMs: config.WHDB_CONSUMER_SESSION_TIMEOUT_MS,
          fetchMinBytes: config.WHDB_PROJECTOR_FETCH_MIN_BYTES,
          fetchMaxWaitMs: config.WHDB_PROJECTOR_FETCH_MAX_WAIT_MS,
          partitionsConsumedConcurrently: config.WHDB_PROJECTOR_PARTITIONS_CONCURRENTLY,
          metricPrefix: 'whdb_projector',
          metricLabels: labels,
        }),
        {
          provide: OutboxSweeperService,
          inject: [DATABASE, RowChangePublisher, Metrics, LOGGER],
          useFactory: (database: Database, rowChanges: RowChangePublisher, metrics: Metrics, logger: Logger) =>
            new OutboxSweeperService(database, rowChanges, groupId, metrics, labels, logger.child({ component: 'outbox' })),
        },
        {
          // Rebuilds of this replicator's tables from the inbound topic (docs/behaviour/rebuild.md#where-it-runs).
          provide: TableRebuildWorkerService,
          inject: [DATABASE, KAFKA_SETTINGS, LOGGER],
          useFactory: (database: Database, kafka: KafkaSettings, logger: Logger) => {
            const rebuildLogger = logger.child({ component: 'rebuild' });
            const rebuild = (stopping: () => boolean, worker: string) =>
              new RebuildTableUseCase({ replicator, database, kafka, topic: inbound, worker, logger: rebuildLogger, stopping });
            return new TableRebuildWorkerService(database, serviceName, rebuild, rebuildLogger);
          },
        },
      ],
    };
  }
}
