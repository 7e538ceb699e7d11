import { Provider, Type } from '@nestjs/common';
import { SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { DATABASE, SECRET_BOX } from '@whdb/service-kit';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { CreateSetupLinkUseCase } from './create-setup-link.use-case';
import { ExchangeSetupGrantUseCase } from './exchange-setup-grant.use-case';
import { SetupLinksController } from './setup-links.controller';
import { SetupSessionAuthenticator } from './setup-session.authenticator';
import { SetupTerminalAssets } from './setup-terminal-assets';
import { SetupTerminalPageController } from './setup-terminal-page.controller';

/**
 * The web setup terminal, registered by `ApiModule` in one block (docs/setup-terminal.md): its
 * pages and bundle, setup links, and the setup sessions `BearerAuthGuard` accepts.
 */
export const setupTerminalControllers: Type[] = [SetupTerminalPageController, SetupLinksController];

export const setupTerminalProviders: Provider[] = [
  { provide: SetupTerminalAssets, useValue: new SetupTerminalAssets() },
  {
    provide: SetupSessionAuthenticator,
    inject: [DATABASE, SECRET_BOX, ReplicatorCatalog],
    useFactory: (db: Database, box: SecretBox, catalog: ReplicatorCatalog) => new SetupSessionAuthenticator(db, new ServiceIntegrationRepository(db, box), catalog),
  },
  { provide: CreateSetupLinkUseCase, inject: [DATABASE, ReplicatorCatalog], useFactory: (db: Database, catalog: ReplicatorCatalog) => new CreateSetupLinkUseCase(db, catalog) },
  { provide: ExchangeSetupGrantUseCase, inject: [DATABASE, ReplicatorCatalog], useFactory: (db: Database, catalog: ReplicatorCatalog) => new ExchangeSetupGrantUseCase(db, catalog) },
];
