import { DynamicModule, Module } from '@nestjs/common';
import { Logger, SecretBox } from '@whdb/core';
import { Topics } from '@whdb/kafka';
import { DataSource, ServiceIntegrationRepository } from '@whdb/persistence';
import { LOGGER } from '@whdb/platform';
import { findReplicator } from '@whdb/replicators';
import { DATA_SOURCE, DatabaseModule, IntegrationCache, KafkaModule, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { InboundConsumerService, PROJECTOR_OPTIONS, ProjectorOptions } from './projection/inbound-consumer.service';
import { PostgresProjectionStore } from './projection/postgres-projection-store';
import { ProjectInboundEventsUseCase } from './projection/project-inbound-events.use-case';
import { ProjectorConfig } from './projector.config';

/** Integration lookups are reused this long; a table is only renamed by an explicit operation. */
const INTEGRATION_CACHE_MS = 30_000;

/** One replicator's projector: consume its inbound topic, own its tables, relay row changes. */
@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig, overrides: Partial<ProjectorOptions> = {}): DynamicModule {
    const replicator = findReplicator(config.WHDB_REPLICATOR);
    if (!replicator) throw new Error(`No replicator named ${config.WHDB_REPLICATOR}`);
    const serviceName = replicator.descriptor.name;
    const options: ProjectorOptions = {
      serviceName,
      batchSize: config.WHDB_PROJECTOR_BATCH_SIZE,
      sessionTimeoutMs: config.WHDB_CONSUMER_SESSION_TIMEOUT_MS,
      ...overrides,
    };
    const inbound = options.topic ?? Topics.inbound(serviceName);
    return {
      module: ProjectorModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: `whdb-projector-${serviceName}` }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: `whdb-projector-${serviceName}`,
          topics: [{ name: inbound }, { name: Topics.dlq(inbound) }, { name: Topics.rows(serviceName) }],
        }),
        SecretBoxModule.forRoot(config.WHDB_ENCRYPTION_KEY),
      ],
      providers: [
        { provide: PROJECTOR_OPTIONS, useValue: options },
        {
          provide: ProjectInboundEventsUseCase,
          inject: [DATA_SOURCE, SECRET_BOX, LOGGER],
          useFactory: (dataSource: DataSource, secretBox: SecretBox, logger: Logger) => {
            const repository = new ServiceIntegrationRepository(dataSource, secretBox);
            const integrations = new IntegrationCache((opaqueId) => repository.findByOpaqueId(opaqueId), INTEGRATION_CACHE_MS);
            return new ProjectInboundEventsUseCase({
              replicator,
              resolveIntegration: async (opaqueId) => {
                const found = await integrations.get(opaqueId);
                return found && { tableName: found.settings.tableName, organizationKey: found.organizationKey };
              },
              store: new PostgresProjectionStore(dataSource, replicator),
              logger: logger.child({ component: 'projection' }),
            });
          },
        },
        InboundConsumerService,
        OutboxRelayService,
      ],
    };
  }
}
