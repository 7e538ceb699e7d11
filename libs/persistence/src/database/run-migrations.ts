import { DataSource, MigrationExecutor } from 'typeorm';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from './advisory-locks';
import { mapDatabaseErrors } from './database-errors';
import { CONTROL_PLANE_SCHEMA } from '../entities/control-plane-schema';

/**
 * Applies pending control-plane migrations (each in its own transaction) and returns their names.
 * Safe to call from several processes at once: a session-level advisory lock serializes them, and
 * whoever comes second finds nothing pending. The data source must be initialized.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  return mapDatabaseErrors(async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.migrations]);
      try {
        // The migrations table lives in the schema, so the schema must exist before TypeORM looks.
        await runner.query(`CREATE SCHEMA IF NOT EXISTS ${CONTROL_PLANE_SCHEMA}`);
        const executor = new MigrationExecutor(dataSource, runner);
        executor.transaction = 'each';
        const applied = await executor.executePendingMigrations();
        return applied.map((migration) => migration.name);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.migrations]);
      }
    } finally {
      await runner.release();
    }
  });
}
