import { asOfFunctionName, createAsOfFunctionStatements, createHistoryTableStatements, dropHistoryStatements, historyTableName, HistorySpec, isSafeIdentifier, LiveColumn, qualifiedName, quoteIdent } from '@whdb/core';
import { Db, inTransaction, runQuery } from '../database/transaction';
import { lockReplicatorTable } from '../replicator-tables/replicator-table-ddl';
import { ReplicatorTableRef } from '../replicator-tables/replicator-table-target';

/**
 * Creates `<table>_history` if missing and (re)creates `<table>_as_of` when it does not return the
 * live table's current row type (new, or the live table was swapped for another version), in one
 * transaction under the table's DDL lock (docs/behaviour/history.md#the-history-table).
 */
export async function ensureHistoryObjects(db: Db, spec: HistorySpec): Promise<void> {
  // The usual case, checked without a lock or catalog writes: both are there and current.
  if ((await historyTableExists(db, spec)) && (await asOfFunctionIsCurrent(db, spec))) return;
  await inTransaction(db, async (tx) => {
    await lockReplicatorTable(tx, spec);
    for (const statement of createHistoryTableStatements(spec)) await runQuery(tx, statement);
    if (!(await asOfFunctionIsCurrent(tx, spec))) for (const statement of createAsOfFunctionStatements(spec, await liveColumns(tx, spec))) await runQuery(tx, statement);
  });
}

/** The live table's columns in order, with their types as the catalog writes them. */
export async function liveColumns(db: Db, ref: ReplicatorTableRef): Promise<LiveColumn[]> {
  return runQuery<LiveColumn[]>(
    db,
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [ref.schema, ref.table],
  );
}

/**
 * Whether `<table>_as_of(timestamptz)` exists and returns exactly the live table's columns (names
 * and types, in order): false after columns were added or the table was swapped for another version.
 */
export async function asOfFunctionIsCurrent(db: Db, ref: ReplicatorTableRef): Promise<boolean> {
  const rows = await runQuery<{ current: boolean }[]>(
    db,
    `SELECT p.proargnames[2:] = (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
            AND p.proallargtypes[2:] = (SELECT array_agg(a.atttypid ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
            AS current
       FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = $2 AND c.relkind = 'r'
      WHERE n.nspname = $1 AND p.proname = $3 AND p.proargtypes = '1184'::oidvector`,
    [ref.schema, ref.table, asOfFunctionName(ref.table)],
  );
  return rows[0]?.current === true;
}

/** Whether the integration's history table exists. */
export async function historyTableExists(db: Db, ref: ReplicatorTableRef): Promise<boolean> {
  if (!isSafeIdentifier(`${ref.table}_history`)) return false;
  const rows = await runQuery<unknown[]>(db, 'SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [ref.schema, historyTableName(ref.table)]);
  return rows.length > 0;
}

/** Drops the as-of function and the history table (missing ones are ignored). */
export async function dropHistoryObjects(db: Db, ref: ReplicatorTableRef): Promise<void> {
  for (const statement of dropHistoryStatements(ref)) await runQuery(db, statement);
}

/**
 * Follows a rename of the live table (docs/behaviour/integrations-api.md#rename-the-table): the
 * history table becomes `<new>_history` and the function `<new>_as_of`. Run it in the rename's
 * transaction, after the live table was renamed; a table without history is left alone.
 */
export async function renameHistoryObjects(db: Db, ref: ReplicatorTableRef, newTable: string, readonlyRole: string, opaqueId: string): Promise<void> {
  if (!(await historyTableExists(db, ref))) return;
  const renamedHistory = historyTableName(newTable);
  await runQuery(db, `DROP FUNCTION IF EXISTS ${qualifiedName(ref.schema, asOfFunctionName(ref.table))}(timestamptz)`);
  await runQuery(db, `ALTER TABLE ${qualifiedName(ref.schema, historyTableName(ref.table))} RENAME TO ${quoteIdent(renamedHistory)}`);
  const spec: HistorySpec = { schema: ref.schema, table: newTable, opaqueId, readonlyRole };
  for (const statement of createAsOfFunctionStatements(spec, await liveColumns(db, spec))) await runQuery(db, statement);
}
