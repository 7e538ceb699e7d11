import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { connectDataSource, DataSource, runQuery } from '@whdb/persistence';
import { LOGGER, ReadinessRegistry } from '@whdb/platform';
import { DATA_SOURCE } from './tokens';

export interface DatabaseModuleOptions {
  readonly databaseUrl: string;
  /** Shown in pg_stat_activity, e.g. `whdb-ingress`. */
  readonly applicationName: string;
  readonly poolSize?: number;
}

/** Registers the `postgres` readiness check and closes the pool last on shutdown. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    readiness: ReadinessRegistry,
  ) {
    readiness.register('postgres', async () => {
      await runQuery(this.dataSource, 'SELECT 1');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Provides the TypeORM `DataSource` (token `DATA_SOURCE`), connected at boot. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: DATA_SOURCE,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            connectDataSource(options.databaseUrl, { applicationName: options.applicationName, poolSize: options.poolSize, logger: logger.child({ component: 'postgres' }) }),
        },
        DatabaseLifecycle,
      ],
      exports: [DATA_SOURCE],
    };
  }
}
