import { AppError, createTableStatements, dropHistoryStatements, qualifiedName, quoteIdent, validateIdentifier } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { Db, inTransaction, runQuery } from '../database/transaction';
import { ReplicatorTableRef, ReplicatorTableSpec, validateTableRef } from './replicator-table-target';

// Rendering the DDL is pure and lives in libs/core (sql/replicator-table-ddl.ts), so the `whdb`
// CLI can print it without a database (docs/cli.md#fixture); this file runs it.
export { createTableStatements, renderColumnDefinition, renderCreateIndexSql, renderCreateTableSql, replicatorIndexes } from '@whdb/core';
export type { ReplicatorIndex } from '@whdb/core';

/** Creates the table and its indexes if missing, in one transaction. */
export async function createReplicatorTable(db: Db, spec: ReplicatorTableSpec): Promise<void> {
  const statements = createTableStatements(spec);
  await inTransaction(db, async (tx) => {
    // Concurrent CREATE TABLE IF NOT EXISTS of one name can still collide in the catalog.
    await lockReplicatorTable(tx, spec);
    for (const statement of statements) await runQuery(tx, statement);
  });
}

/** Transaction-level advisory lock serializing DDL on one replicator table. */
export async function lockReplicatorTable(tx: Db, ref: ReplicatorTableRef): Promise<void> {
  await runQuery(tx, `SELECT pg_advisory_xact_lock(${TABLE_LOCK_KEY_SQL})`, [ref.schema, ref.table]);
}

/** The advisory lock key of a replicator table, from `$1` (schema) and `$2` (table). */
export const TABLE_LOCK_KEY_SQL = `hashtext('whdb_table:' || $1 || '.' || $2)`;

/**
 * Drops the table if it exists (a missing table is ignored: docs/behaviour/replicator-framework.md#table-shape),
 * with its history and as-of function (docs/behaviour/history.md), which belong to it.
 */
export async function dropReplicatorTable(db: Db, ref: ReplicatorTableRef): Promise<void> {
  validateTableRef(ref);
  for (const statement of dropHistoryStatements(ref)) await runQuery(db, statement);
  await runQuery(db, `DROP TABLE IF EXISTS ${qualifiedName(ref.schema, ref.table)}`);
}

/** Whether the table exists. */
export async function replicatorTableExists(db: Db, ref: ReplicatorTableRef): Promise<boolean> {
  const rows = await runQuery<unknown[]>(db, 'SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [ref.schema, ref.table]);
  return rows.length > 0;
}

/**
 * `ALTER TABLE ... RENAME TO ...` in the same schema (docs/behaviour/integrations-api.md#rename-the-table).
 * Indexes keep their names (`<opaque_id>_<column>_idx` does not contain the table name). A taken
 * name is an `invalid_identifier` (the caller's input), the missing table a `not_found`.
 */
export async function renameReplicatorTable(db: Db, ref: ReplicatorTableRef, newTable: string): Promise<void> {
  validateTableRef(ref);
  validateIdentifier(newTable, 'table name');
  try {
    await runQuery(db, `ALTER TABLE ${qualifiedName(ref.schema, ref.table)} RENAME TO ${quoteIdent(newTable)}`);
  } catch (error) {
    if (databaseErrorCode(error) === '42P07') throw new AppError('invalid_identifier', `There is already a table named "${newTable}".`);
    throw error;
  }
}
