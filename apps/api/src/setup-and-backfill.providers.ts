import { Provider, Type } from '@nestjs/common';
import { Logger, Replicator, SecretBox } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { Database } from '@whdb/persistence';
import { FetchHttpClient, LOGGER, providerEndpointsFrom } from '@whdb/platform';
import { DATABASE, KAFKA_PUBLISHER, SECRET_BOX } from '@whdb/service-kit';
import { ApiConfig } from './api.config';
import { BackfillController } from './backfill/backfill.controller';
import { BackfillJobEnqueuer } from './backfill/backfill-job-enqueuer';
import { CreateBackfillJobUseCase } from './backfill/create-backfill-job.use-case';
import { GetBackfillJobUseCase } from './backfill/get-backfill-job.use-case';
import { StartBackfillUseCase } from './backfill/start-backfill.use-case';
import { CreateErrorHandlerUseCase } from './error-handlers/create-error-handler.use-case';
import { DeleteErrorHandlerUseCase } from './error-handlers/delete-error-handler.use-case';
import { ErrorHandlersController } from './error-handlers/error-handlers.controller';
import { ListErrorHandlersUseCase } from './error-handlers/list-error-handlers.use-case';
import { CreateIntegrationUseCase } from './integrations/create-integration.use-case';
import { IntegrationStatsUseCase } from './integrations/integration-stats.use-case';
import { IntegrationTableController } from './integrations/integration-table.controller';
import { RenameTableUseCase } from './integrations/rename-table.use-case';
import { ReplicatorCatalog } from './integrations/replicator-catalog';
import { SetupIntegrationUseCase } from './integrations/setup-integration.use-case';
import { SetupMachines } from './integrations/setup-machines';
import { SetupRunner } from './integrations/setup-runner';
import { TransitionIntegrationUseCase } from './integrations/transition-integration.use-case';
import { RowSchemasController } from './schemas/row-schemas.controller';
import { DeleteIntegrationUseCase } from './integrations/delete-integration.use-case';
import { UpsertResourceUseCase } from './integrations/upsert-resource.use-case';
import { ApiOutboxSweeperService } from './outbox/api-outbox-sweeper.service';
import { OutboxRelay } from './outbox/outbox-relay';

/** What `ApiModule.forRoot` accepts besides the config. */
export interface ApiModuleOptions {
  /** Replicators beyond the registered ones (tests: made-up replicators, e.g. with a dependency). */
  readonly replicators?: readonly Replicator[];
}

/** A use case built from the data source, the secret box, the setup runner and the replicator catalog. */
function runnerUseCase<T>(type: Type<T>, build: (db: Database, box: SecretBox, runner: SetupRunner, catalog: ReplicatorCatalog) => T): Provider {
  return { provide: type, inject: [DATABASE, SECRET_BOX, SetupRunner, ReplicatorCatalog], useFactory: build };
}

/**
 * Setup machines, backfills, the integration's table endpoints and error handlers
 * (docs/behaviour/integrations-api.md, docs/behaviour/state-machines.md).
 */
export const SETUP_AND_BACKFILL_CONTROLLERS = [BackfillController, IntegrationTableController, ErrorHandlersController, RowSchemasController];

export function setupAndBackfillProviders(config: ApiConfig, options: ApiModuleOptions): Provider[] {
  return [
    { provide: ReplicatorCatalog, useValue: new ReplicatorCatalog(options.replicators) },
    {
      provide: SetupMachines,
      inject: [LOGGER, ReplicatorCatalog],
      useFactory: (logger: Logger, catalog: ReplicatorCatalog) =>
        new SetupMachines({
          publicUrl: config.WHDB_PUBLIC_URL,
          http: new FetchHttpClient({ logger: logger.child({ component: 'provider-http' }) }),
          timeoutMs: config.WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS * 1000,
          providers: providerEndpointsFrom(config),
          catalog,
        }),
    },
    {
      provide: OutboxRelay,
      inject: [KAFKA_PUBLISHER, DATABASE, LOGGER],
      useFactory: (publisher: KafkaPublisher, db: Database, logger: Logger) => new OutboxRelay(publisher, db, logger.child({ component: 'outbox-relay' })),
    },
    {
      provide: ApiOutboxSweeperService,
      inject: [DATABASE, KAFKA_PUBLISHER, LOGGER],
      useFactory: (db: Database, publisher: KafkaPublisher, logger: Logger) => new ApiOutboxSweeperService(db, publisher, logger),
    },
    { provide: BackfillJobEnqueuer, inject: [DATABASE, SECRET_BOX, OutboxRelay], useFactory: (db: Database, box: SecretBox, relay: OutboxRelay) => new BackfillJobEnqueuer(db, box, relay) },
    { provide: SetupRunner, inject: [SetupMachines, BackfillJobEnqueuer], useFactory: (machines: SetupMachines, enqueuer: BackfillJobEnqueuer) => new SetupRunner(machines, enqueuer) },
    runnerUseCase(CreateIntegrationUseCase, (db, box, runner, catalog) => new CreateIntegrationUseCase(db, box, runner, catalog)),
    runnerUseCase(TransitionIntegrationUseCase, (db, box, runner, catalog) => new TransitionIntegrationUseCase(db, box, runner, catalog)),
    runnerUseCase(SetupIntegrationUseCase, (db, box, runner, catalog) => new SetupIntegrationUseCase(db, box, runner, catalog)),
    runnerUseCase(StartBackfillUseCase, (db, box, runner, catalog) => new StartBackfillUseCase(db, box, runner, catalog)),
    runnerUseCase(CreateBackfillJobUseCase, (db, box, runner, catalog) => new CreateBackfillJobUseCase(db, box, runner, catalog)),
    runnerUseCase(GetBackfillJobUseCase, (db, box, _runner, catalog) => new GetBackfillJobUseCase(db, box, catalog)),
    runnerUseCase(IntegrationStatsUseCase, (db, box, _runner, catalog) => new IntegrationStatsUseCase(db, box, catalog)),
    runnerUseCase(RenameTableUseCase, (db, box, _runner, catalog) => new RenameTableUseCase(db, box, catalog)),
    {
      provide: UpsertResourceUseCase,
      inject: [DATABASE, SECRET_BOX, OutboxRelay, ReplicatorCatalog, LOGGER],
      useFactory: (db: Database, box: SecretBox, relay: OutboxRelay, catalog: ReplicatorCatalog, logger: Logger) =>
        new UpsertResourceUseCase(db, box, relay, catalog, logger.child({ component: 'upsert' })),
    },
    {
      provide: DeleteIntegrationUseCase,
      inject: [DATABASE, SECRET_BOX, OutboxRelay, ReplicatorCatalog],
      useFactory: (db: Database, box: SecretBox, relay: OutboxRelay, catalog: ReplicatorCatalog) => new DeleteIntegrationUseCase(db, box, relay, catalog),
    },
    { provide: CreateErrorHandlerUseCase, inject: [DATABASE], useFactory: (db: Database) => new CreateErrorHandlerUseCase(db) },
    { provide: ListErrorHandlersUseCase, inject: [DATABASE], useFactory: (db: Database) => new ListErrorHandlersUseCase(db) },
    { provide: DeleteErrorHandlerUseCase, inject: [DATABASE], useFactory: (db: Database) => new DeleteErrorHandlerUseCase(db) },
  ];
}
