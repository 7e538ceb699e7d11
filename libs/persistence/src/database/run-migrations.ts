import { DataSource, MigrationExecutor } from 'typeorm';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from './advisory-locks';
import { Database, databaseUrlOf } from './database';
import { mapDatabaseErrors } from './database-errors';
import { CONTROL_PLANE_MIGRATIONS } from '../migrations/control-plane-migrations';
import { CONTROL_PLANE_SCHEMA } from '../schema/control-plane-schema';

/**
 * Applies pending control-plane migrations (each in its own transaction) and returns their names.
 * Safe to call from several processes at once: a session-level advisory lock serializes them, and
 * whoever comes second finds nothing pending. TypeORM runs them (its migration executor and
 * `migrations` table) over a short-lived connection of its own; nothing else uses TypeORM.
 */
export async function runMigrations(database: Database): Promise<string[]> {
  const source = new DataSource({
    type: 'postgres',
    url: databaseUrlOf(database),
    schema: CONTROL_PLANE_SCHEMA,
    migrationsTableName: 'migrations',
    entities: [],
    migrations: CONTROL_PLANE_MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    poolSize: 1,
    applicationName: 'whdb-migrations',
    extra: { options: '-c TimeZone=UTC' },
  });
  return mapDatabaseErrors(async () => {
    await source.initialize();
    const runner = source.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('SELECT pg_advisory_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.migrations]);
      try {
        // The migrations table lives in the schema, so the schema must exist before TypeORM looks.
        await runner.query(`CREATE SCHEMA IF NOT EXISTS ${CONTROL_PLANE_SCHEMA}`);
        const executor = new MigrationExecutor(source, runner);
        executor.transaction = 'each';
        const applied = await executor.executePendingMigrations();
        return applied.map((migration) => migration.name);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.migrations]);
      }
    } finally {
      await runner.release();
      await source.close();
    }
  });
}
