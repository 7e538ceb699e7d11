import { AppError, Column, indexName, pgTypeOf, qualifiedName, quoteIdent, validateIdentifier } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { Db, inTransaction, runQuery } from '../database/transaction';
import { ReplicatorTableRef, ReplicatorTableSpec, validateTableRef } from './replicator-table-target';

/** A single-column index a replicator table should have (docs/behaviour/replicator-framework.md#table-shape). */
export interface ReplicatorIndex {
  readonly name: string;
  readonly column: string;
  readonly notNull: boolean;
}

/** The indexes declared by `index: true` columns, named `<opaque_id>_<column>_idx`. */
export function replicatorIndexes(spec: ReplicatorTableSpec): ReplicatorIndex[] {
  return spec.replicatorSchema.columns
    .filter((col) => col.index)
    .map((col) => ({ name: validateIdentifier(indexName(spec.opaqueId, [col.name]), 'index name'), column: col.name, notNull: col.indexNotNull ?? false }));
}

/** `CREATE INDEX [CONCURRENTLY] IF NOT EXISTS ...`, partial when the column is `indexNotNull`. */
export function renderCreateIndexSql(ref: ReplicatorTableRef, index: ReplicatorIndex, concurrently: boolean): string {
  const where = index.notNull ? ` WHERE ${quoteIdent(index.column)} IS NOT NULL` : '';
  return (
    `CREATE INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS ${quoteIdent(index.name)} ` +
    `ON ${qualifiedName(ref.schema, ref.table)} (${quoteIdent(index.column)})${where}`
  );
}

/** The SQL definition of a denormalized column (nullable). */
export function renderColumnDefinition(col: Column): string {
  return `${quoteIdent(validateIdentifier(col.name, 'column name'))} ${pgTypeOf(col.type)}`;
}

/**
 * The statements creating a replicator table (docs/behaviour/replicator-framework.md#table-shape): `pk bigserial PRIMARY KEY`, the remote key
 * `UNIQUE NOT NULL`, the denormalized columns in declaration order, `enrichment jsonb` when the
 * replicator stores enrichments, `data jsonb NOT NULL`; then one index per indexed column.
 */
export function createTableStatements(spec: ReplicatorTableSpec): string[] {
  validateTableRef(spec);
  const { remoteKey, columns, storesEnrichment } = spec.replicatorSchema;
  const definitions = [
    `${quoteIdent('pk')} bigserial PRIMARY KEY`,
    `${renderColumnDefinition(remoteKey)} UNIQUE NOT NULL`,
    ...columns.map(renderColumnDefinition),
    ...(storesEnrichment ? [`${quoteIdent('enrichment')} jsonb`] : []),
    `${quoteIdent('data')} jsonb NOT NULL`,
  ];
  const createTable = `CREATE TABLE IF NOT EXISTS ${qualifiedName(spec.schema, spec.table)} (\n  ${definitions.join(',\n  ')}\n)`;
  return [createTable, ...replicatorIndexes(spec).map((index) => renderCreateIndexSql(spec, index, false))];
}

/** The full DDL as one script (for `whdb fixture` and the generated replicator docs). */
export function renderCreateTableSql(spec: ReplicatorTableSpec): string {
  return `${createTableStatements(spec).join(';\n')};\n`;
}

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

/** Drops the table if it exists (a missing table is ignored: docs/behaviour/replicator-framework.md#table-shape). */
export async function dropReplicatorTable(db: Db, ref: ReplicatorTableRef): Promise<void> {
  validateTableRef(ref);
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
