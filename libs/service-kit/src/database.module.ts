import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { connectDatabase, Database, runQuery } from '@whdb/persistence';
import { LOGGER, ReadinessRegistry } from '@whdb/platform';
import { DATABASE } from './tokens';

export interface DatabaseModuleOptions {
  readonly databaseUrl: string;
  /** Shown in pg_stat_activity, e.g. `whdb-ingress`. */
  readonly applicationName: string;
  readonly poolSize?: number;
  /**
   * Whether the service is "not ready" while Postgres is unreachable. Default true. The ingress
   * says no: it keeps verifying from its cache and accepting (docs/operations.md#postgres-down-at-the-ingress).
   */
  readonly gatesReadiness?: boolean;
}

const DATABASE_GATES_READINESS = 'WHDB_DATABASE_GATES_READINESS';

/** Registers the `postgres` readiness check and closes the pool last on shutdown. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly dataSource: Database,
    @Inject(DATABASE_GATES_READINESS) gatesReadiness: boolean,
    readiness: ReadinessRegistry,
  ) {
    if (!gatesReadiness) return;
    readiness.register('postgres', async () => {
      await runQuery(this.dataSource, 'SELECT 1');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isOpen) await this.dataSource.close();
  }
}

/** Provides the TypeORM `Database` (token `DATABASE`), connected at boot. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: DATABASE,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            connectDatabase(options.databaseUrl, { applicationName: options.applicationName, poolSize: options.poolSize, logger: logger.child({ component: 'postgres' }) }),
        },
        { provide: DATABASE_GATES_READINESS, useValue: options.gatesReadiness ?? true },
        DatabaseLifecycle,
      ],
      exports: [DATABASE],
    };
  }
}
