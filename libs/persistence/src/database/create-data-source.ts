import { Logger, silentLogger } from '@whdb/core';
import { DataSource } from 'typeorm';
import { mapDatabaseErrors } from './database-errors';
import { TypeOrmLoggerAdapter } from './typeorm-logger.adapter';
import { CONTROL_PLANE_ENTITIES } from '../entities/control-plane-entities';
import { CONTROL_PLANE_SCHEMA } from '../entities/control-plane-schema';
import { CONTROL_PLANE_MIGRATIONS } from '../migrations/control-plane-migrations';

export interface DataSourceOptions {
  /** Maximum connections in the pool (default 10). */
  poolSize?: number;
  /** Shown in `pg_stat_activity.application_name`, e.g. the service name. */
  applicationName?: string;
  logger?: Logger;
  /** How long to wait for a connection from the pool before failing (default 10 s). */
  connectTimeoutMs?: number;
  /** Queries slower than this are logged as warnings (default 2 s). */
  slowQueryMs?: number;
}

/**
 * A TypeORM data source for our Postgres: control-plane entities and migrations registered,
 * never `synchronize` (schema changes go through migrations). Sessions run in UTC so that
 * timestamps in row-change events read the same everywhere. Call `initialize()` (or use
 * `connectDataSource`) before use.
 */
export function createDataSource(databaseUrl: string, options: DataSourceOptions = {}): DataSource {
  const logger = options.logger ?? silentLogger;
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    schema: CONTROL_PLANE_SCHEMA,
    migrationsTableName: 'migrations',
    entities: CONTROL_PLANE_ENTITIES,
    migrations: CONTROL_PLANE_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'whdb',
    connectTimeoutMS: options.connectTimeoutMs ?? 10_000,
    maxQueryExecutionTime: options.slowQueryMs ?? 2_000,
    logger: new TypeOrmLoggerAdapter(logger),
    poolErrorHandler: (error: unknown) =>
      logger.warn('idle database connection failed', { error: error instanceof Error ? error.message : String(error) }),
    extra: { options: '-c TimeZone=UTC' },
  });
}

/** `createDataSource` + `initialize()`, with connection failures mapped to `database_unavailable`. */
export async function connectDataSource(databaseUrl: string, options: DataSourceOptions = {}): Promise<DataSource> {
  const dataSource = createDataSource(databaseUrl, options);
  await mapDatabaseErrors(() => dataSource.initialize());
  return dataSource;
}
