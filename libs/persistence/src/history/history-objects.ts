import { asOfFunctionName, createAsOfFunctionStatements, createHistoryTableStatements, dropHistoryStatements, historyTableName, HistorySpec, isSafeIdentifier, qualifiedName, quoteIdent } from '@whdb/core';
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
    if (!(await asOfFunctionIsCurrent(tx, spec))) for (const statement of createAsOfFunctionStatements(spec)) await runQuery(tx, statement);
  });
}

/** Whether `<table>_as_of(timestamptz)` exists and returns the live table's row type. */
export async function asOfFunctionIsCurrent(db: Db, ref: ReplicatorTableRef): Promise<boolean> {
  const rows = await runQuery<{ current: boolean }[]>(
    db,
    `SELECT p.prorettype = c.reltype AS current
       FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = $2
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
  for (const statement of createAsOfFunctionStatements(spec)) await runQuery(db, statement);
}
