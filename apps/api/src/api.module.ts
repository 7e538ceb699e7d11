import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { SecretBox, Topics } from '@whdb/core';
import { Database } from '@whdb/persistence';
import { encryptionKeyringOf } from '@whdb/platform';
import { replicatorNames } from '@whdb/replicators';
import { DATABASE, DatabaseModule, KafkaModule, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { API_CONFIG, ApiConfig } from './api.config';
import { operatorToolsControllers, operatorToolsImports, operatorToolsProviders } from './operator-tools';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { historyControllers, historyProviders } from './history/history.providers';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { IntegrationInfoUseCase } from './integrations/integration-info.use-case';
import { IntegrationManagementController } from './integrations/integration-management.controller';
import { IntegrationSetupController } from './integrations/integration-setup.controller';
import { ListIntegrationsUseCase } from './integrations/list-integrations.use-case';
import { RollApiKeyUseCase } from './integrations/roll-api-key.use-case';
import { ServiceIntegrationsController } from './integrations/service-integrations.controller';
import { SetupMachines } from './integrations/setup-machines';
import { MigrationsOnBoot } from './migrations-on-boot';
import { CreateOrganizationUseCase } from './organizations/create-organization.use-case';
import { OrganizationAccess } from './organizations/organization-access';
import { OrganizationsController } from './organizations/organizations.controller';
import { ApiModuleOptions, SETUP_AND_BACKFILL_CONTROLLERS, setupAndBackfillProviders } from './setup-and-backfill.providers';
import { setupTerminalControllers, setupTerminalProviders } from './setup-terminal/setup-terminal';
import { RebuildController } from './rebuild/rebuild.controller';
import { RebuildUseCases } from './rebuild/rebuild.use-cases';
import { ReplicatorCatalog } from './integrations/replicator-catalog';

/** A use case built from the data source, the secret box and the setup machines. */
function useCase<T>(type: Type<T>, build: (dataSource: Database, secretBox: SecretBox, machines: SetupMachines) => T): Provider {
  return { provide: type, inject: [DATABASE, SECRET_BOX, SetupMachines], useFactory: build };
}

/** The control plane: organizations, integrations and their setup state machines. */
@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig, options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-api' }),
        SecretBoxModule.forRoot(encryptionKeyringOf(config)),
        // backfill.requested events, the row changes of upserts, replays and dead-letter redrives
        // (docs/topics.md#catalog); the api stays ready without Kafka: those wait in the outbox.
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'whdb-api',
          kafkaGatesReadiness: false,
          topics: [{ name: Topics.backfillRequests }, ...replicatorNames().map((name) => ({ name: Topics.rows(name) }))],
        }),
        // Operator tools (issue 9): route discovery for the OpenAPI document.
        ...operatorToolsImports(),
      ],
      controllers: [
        OrganizationsController,
        ServiceIntegrationsController,
        IntegrationSetupController,
        IntegrationManagementController,
        ...SETUP_AND_BACKFILL_CONTROLLERS,
        // Operator tools (issue 9): analyst credentials, webhook audit log and replay, dead letters, OpenAPI.
        ...operatorToolsControllers,
        // The web setup terminal (issue 9): its pages, setup links and sessions (docs/setup-terminal.md).
        ...setupTerminalControllers,
        // Rebuild a table from the log (issue 11, docs/behaviour/rebuild.md).
        RebuildController,
        // History as of any time (issue 11, docs/behaviour/history.md).
        ...historyControllers,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        MigrationsOnBoot,
        BearerAuthGuard,
        ...setupAndBackfillProviders(config, options),
        { provide: OrganizationAccess, inject: [DATABASE], useFactory: (dataSource: Database) => new OrganizationAccess(dataSource) },
        { provide: CreateOrganizationUseCase, inject: [DATABASE], useFactory: (dataSource: Database) => new CreateOrganizationUseCase(dataSource) },
        useCase(ListIntegrationsUseCase, (ds, box) => new ListIntegrationsUseCase(ds, box)),
        useCase(IntegrationInfoUseCase, (ds, box, machines) => new IntegrationInfoUseCase(ds, box, machines)),
        useCase(RollApiKeyUseCase, (ds, box) => new RollApiKeyUseCase(ds, box)),
        ...operatorToolsProviders(config),
        ...setupTerminalProviders,
        {
          provide: RebuildUseCases,
          inject: [DATABASE, SECRET_BOX, ReplicatorCatalog],
          useFactory: (dataSource: Database, box: SecretBox, catalog: ReplicatorCatalog) => new RebuildUseCases(dataSource, box, catalog),
        },
        ...historyProviders,
      ],
    };
  }
}
