import { AppError, Column, Logger, qualifiedName, quoteIdent, silentLogger } from '@whdb/core';
import { Database } from '../database/database';
import { inTransaction, runQuery, Session, withSession } from '../database/transaction';
import { columnBackfillSql } from './column-backfill-sql';
import {
  createReplicatorTable,
  renderColumnDefinition,
  renderCreateIndexSql,
  replicatorIndexes,
  replicatorTableExists,
  ReplicatorIndex,
  TABLE_LOCK_KEY_SQL,
} from './replicator-table-ddl';
import { ReplicatorTableSpec, validateTableRef } from './replicator-table-target';

export interface EnsureColumnsOptions {
  /** Rows per backfill UPDATE, by primary key range (default 1,000,000, docs/behaviour/replicator-framework.md#adding-columns). */
  readonly chunkSize?: number;
  readonly logger?: Logger;
}

export interface EnsureColumnsResult {
  /** The table did not exist and was created whole. */
  readonly created: boolean;
  readonly addedColumns: readonly string[];
  readonly droppedInvalidIndexes: readonly string[];
  readonly createdIndexes: readonly string[];
}

async function existingColumns(db: Session, spec: ReplicatorTableSpec): Promise<Set<string>> {
  const rows = await runQuery<{ attname: string }[]>(
    db,
    `SELECT attname FROM pg_attribute WHERE attrelid = format('%I.%I', $1::text, $2::text)::regclass AND attnum > 0 AND NOT attisdropped`,
    [spec.schema, spec.table],
  );
  return new Set(rows.map((row) => row.attname));
}

async function tableIndexes(db: Session, spec: ReplicatorTableSpec): Promise<{ name: string; valid: boolean }[]> {
  return runQuery<{ name: string; valid: boolean }[]>(
    db,
    `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = format('%I.%I', $1::text, $2::text)::regclass`,
    [spec.schema, spec.table],
  );
}

/** An index counts as present under its name, or under a name differing only in the `svi_...` prefix. */
function isPresent(index: ReplicatorIndex, existing: readonly string[]): boolean {
  if (existing.includes(index.name)) return true;
  const withoutPrefix = (name: string): string | null => /^svi_[a-z0-9]+_(.+)$/.exec(name)?.[1] ?? null;
  const wanted = withoutPrefix(index.name);
  return wanted !== null && existing.some((name) => withoutPrefix(name) === wanted);
}

/** Recomputes the new columns from stored JSON, in primary-key ranges, each its own statement. */
async function backfillColumns(db: Session, spec: ReplicatorTableSpec, columns: readonly Column[], chunkSize: number): Promise<void> {
  const assignments = columns.map((col) => `${quoteIdent(col.name)} = ${columnBackfillSql(col)}`).join(', ');
  const update = `UPDATE ${qualifiedName(spec.schema, spec.table)} SET ${assignments} WHERE "pk" > $1`;
  const [{ max }] = await runQuery<[{ max: string }]>(db, `SELECT coalesce(max("pk"), 0)::text AS max FROM ${qualifiedName(spec.schema, spec.table)}`);
  let lower = 0;
  for (; lower < Number(max); lower += chunkSize) {
    await runQuery(db, `${update} AND "pk" <= $2`, [lower, lower + chunkSize]);
  }
  // Rows inserted meanwhile.
  await runQuery(db, update, [lower]);
}

/**
 * Brings a live replicator table up to its declared columns and indexes (docs/behaviour/replicator-framework.md#adding-columns): creates the
 * table when missing; drops invalid indexes; adds missing columns in a transaction; fills them
 * from each row's stored JSON (converter SQL twins, `backfillExpr`, defaulters) in primary-key
 * chunks outside any transaction; then creates missing indexes `CONCURRENTLY`. Fails before
 * changing anything when a new column cannot be computed in SQL. Concurrent calls for one table
 * are serialized by an advisory lock.
 */
export async function ensureColumns(dataSource: Database, spec: ReplicatorTableSpec, options: EnsureColumnsOptions = {}): Promise<EnsureColumnsResult> {
  validateTableRef(spec);
  const logger = (options.logger ?? silentLogger).child({ schema: spec.schema, table: spec.table });
  const chunkSize = options.chunkSize ?? 1_000_000;
  return withSession(dataSource, async (db) => {
    await runQuery(db, `SELECT pg_advisory_lock(${TABLE_LOCK_KEY_SQL})`, [spec.schema, spec.table]);
    try {
      if (!(await replicatorTableExists(db, spec))) {
        await createReplicatorTable(db, spec);
        logger.info('created replicator table');
        return { created: true, addedColumns: [], droppedInvalidIndexes: [], createdIndexes: replicatorIndexes(spec).map((i) => i.name) };
      }
      const present = await existingColumns(db, spec);
      const { remoteKey, columns, storesEnrichment } = spec.replicatorSchema;
      if (!present.has(remoteKey.name)) {
        throw new AppError('invariant_violated', `Table ${spec.schema}.${spec.table} has no remote key column ${remoteKey.name}: a changed key needs a new replicator version.`);
      }
      const missing = columns.filter((col) => !present.has(col.name));
      const addEnrichment = (storesEnrichment ?? false) && !present.has('enrichment');
      // Computed up front, so an impossible backfill fails before the table changes.
      missing.forEach(columnBackfillSql);

      const indexes = await tableIndexes(db, spec);
      const invalid = indexes.filter((index) => !index.valid).map((index) => index.name);
      for (const name of invalid) await runQuery(db, `DROP INDEX CONCURRENTLY IF EXISTS ${qualifiedName(spec.schema, name)}`);

      if (missing.length > 0 || addEnrichment) {
        const additions = [...missing.map(renderColumnDefinition), ...(addEnrichment ? [`${quoteIdent('enrichment')} jsonb`] : [])];
        await inTransaction(db, async (tx) => {
          await runQuery(tx, `ALTER TABLE ${qualifiedName(spec.schema, spec.table)} ${additions.map((a) => `ADD COLUMN IF NOT EXISTS ${a}`).join(', ')}`);
        });
        logger.info('added columns', { columns: missing.map((col) => col.name), enrichment: addEnrichment });
      }
      if (missing.length > 0) {
        await backfillColumns(db, spec, missing, chunkSize);
        logger.info('filled new columns from stored rows', { columns: missing.map((col) => col.name) });
      }

      const validNames = indexes.filter((index) => index.valid).map((index) => index.name);
      const toCreate = replicatorIndexes(spec).filter((index) => !isPresent(index, validNames));
      for (const index of toCreate) await runQuery(db, renderCreateIndexSql(spec, index, true));
      if (toCreate.length > 0) logger.info('created indexes', { indexes: toCreate.map((index) => index.name) });
      return { created: false, addedColumns: missing.map((col) => col.name), droppedInvalidIndexes: invalid, createdIndexes: toCreate.map((i) => i.name) };
    } finally {
      await runQuery(db, `SELECT pg_advisory_unlock(${TABLE_LOCK_KEY_SQL})`, [spec.schema, spec.table]);
    }
  });
}
