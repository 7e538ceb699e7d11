import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { SecretBox } from '@whdb/core';
import { Database } from '@whdb/persistence';
import { FetchHttpClient, LOGGER } from '@whdb/platform';
import { Logger } from '@whdb/core';
import { DATABASE, DatabaseModule, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { API_CONFIG, ApiConfig } from './api.config';
import { operatorToolsControllers, operatorToolsImports, operatorToolsProviders } from './operator-tools';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { CreateIntegrationUseCase } from './integrations/create-integration.use-case';
import { DeleteIntegrationUseCase } from './integrations/delete-integration.use-case';
import { IntegrationInfoUseCase } from './integrations/integration-info.use-case';
import { IntegrationManagementController } from './integrations/integration-management.controller';
import { IntegrationSetupController } from './integrations/integration-setup.controller';
import { ListIntegrationsUseCase } from './integrations/list-integrations.use-case';
import { RollApiKeyUseCase } from './integrations/roll-api-key.use-case';
import { ServiceIntegrationsController } from './integrations/service-integrations.controller';
import { SetupIntegrationUseCase } from './integrations/setup-integration.use-case';
import { SetupMachines } from './integrations/setup-machines';
import { TransitionIntegrationUseCase } from './integrations/transition-integration.use-case';
import { MigrationsOnBoot } from './migrations-on-boot';
import { CreateOrganizationUseCase } from './organizations/create-organization.use-case';
import { OrganizationAccess } from './organizations/organization-access';
import { OrganizationsController } from './organizations/organizations.controller';

/** A use case built from the data source, the secret box and the setup machines. */
function useCase<T>(type: Type<T>, build: (dataSource: Database, secretBox: SecretBox, machines: SetupMachines) => T): Provider {
  return { provide: type, inject: [DATABASE, SECRET_BOX, SetupMachines], useFactory: build };
}

/** The control plane: organizations, integrations and their setup state machines. */
@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-api' }),
        SecretBoxModule.forRoot(config.WHDB_ENCRYPTION_KEY),
        // Operator tools (issue 9): Kafka for replays and dead-letter redrives.
        ...operatorToolsImports(config),
      ],
      controllers: [
        OrganizationsController,
        ServiceIntegrationsController,
        IntegrationSetupController,
        IntegrationManagementController,
        // Operator tools (issue 9): analyst credentials, webhook audit log and replay, dead letters, OpenAPI.
        ...operatorToolsControllers,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        MigrationsOnBoot,
        BearerAuthGuard,
        {
          provide: SetupMachines,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            new SetupMachines({
              publicUrl: config.WHDB_PUBLIC_URL,
              http: new FetchHttpClient({ logger: logger.child({ component: 'provider-http' }) }),
              timeoutMs: config.WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS * 1000,
            }),
        },
        { provide: OrganizationAccess, inject: [DATABASE], useFactory: (dataSource: Database) => new OrganizationAccess(dataSource) },
        { provide: CreateOrganizationUseCase, inject: [DATABASE], useFactory: (dataSource: Database) => new CreateOrganizationUseCase(dataSource) },
        useCase(ListIntegrationsUseCase, (ds, box) => new ListIntegrationsUseCase(ds, box)),
        useCase(CreateIntegrationUseCase, (ds, box, machines) => new CreateIntegrationUseCase(ds, box, machines)),
        useCase(TransitionIntegrationUseCase, (ds, box, machines) => new TransitionIntegrationUseCase(ds, box, machines)),
        useCase(SetupIntegrationUseCase, (ds, box, machines) => new SetupIntegrationUseCase(ds, box, machines)),
        useCase(IntegrationInfoUseCase, (ds, box, machines) => new IntegrationInfoUseCase(ds, box, machines)),
        useCase(RollApiKeyUseCase, (ds, box) => new RollApiKeyUseCase(ds, box)),
        useCase(DeleteIntegrationUseCase, (ds, box) => new DeleteIntegrationUseCase(ds, box)),
        ...operatorToolsProviders(config),
      ],
    };
  }
}
