import { Provider } from '@nestjs/common';
import { SecretBox } from '@whdb/core';
import { Database } from '@whdb/persistence';
import { DATABASE, SECRET_BOX } from '@whdb/service-kit';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { DisableHistoryUseCase } from './disable-history.use-case';
import { EnableHistoryUseCase } from './enable-history.use-case';
import { GetHistoryStatusUseCase } from './get-history-status.use-case';
import { HistoryController } from './history.controller';

/** History as of any time (docs/behaviour/history.md): its controller and use cases. */
export const historyControllers = [HistoryController];

export const historyProviders: Provider[] = [EnableHistoryUseCase, DisableHistoryUseCase, GetHistoryStatusUseCase].map((type) => ({
  provide: type,
  inject: [DATABASE, SECRET_BOX, ReplicatorCatalog],
  useFactory: (db: Database, box: SecretBox, catalog: ReplicatorCatalog) => new type(db, box, catalog),
}));
