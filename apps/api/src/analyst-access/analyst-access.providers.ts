import { Provider } from '@nestjs/common';
import { Logger, SecretBox } from '@whdb/core';
import { Database } from '@whdb/persistence';
import { LOGGER } from '@whdb/platform';
import { DATABASE, SECRET_BOX } from '@whdb/service-kit';
import { ApiConfig } from '../api.config';
import { analystDatabaseBase } from './analyst-database-url';
import { GetAnalystConnectionUseCase } from './get-analyst-connection.use-case';
import { RollAnalystCredentialsUseCase } from './roll-analyst-credentials.use-case';

/** The use cases of `AnalystAccessController`. */
export function analystAccessProviders(config: ApiConfig): Provider[] {
  const base = analystDatabaseBase(config.DATABASE_URL, config.WHDB_ANALYST_DATABASE_URL);
  return [
    { provide: GetAnalystConnectionUseCase, inject: [DATABASE, SECRET_BOX], useFactory: (db: Database, box: SecretBox) => new GetAnalystConnectionUseCase(db, box, base) },
    {
      provide: RollAnalystCredentialsUseCase,
      inject: [DATABASE, SECRET_BOX, LOGGER],
      useFactory: (db: Database, box: SecretBox, logger: Logger) => new RollAnalystCredentialsUseCase(db, box, base, logger.child({ component: 'analyst-access' })),
    },
  ];
}
