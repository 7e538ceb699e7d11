import { quoteIdent } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { Db, runQuery } from '../database/transaction';

/**
 * Reads one row's `data` from a replicator table by a column value, e.g. the `signalwire_message_v1`
 * row of an SMS (`signalwire_id = sid`) whose media the outbound sender imports into Front (SPEC
 * 15.6). Null when the table has no such row, or does not exist (yet).
 */
export async function findReplicatorRowData(db: Db, target: { readonly schema: string; readonly table: string }, column: string, value: string): Promise<Record<string, unknown> | null> {
  try {
    const [row] = await runQuery<{ data: Record<string, unknown> }[]>(
      db,
      `SELECT data FROM ${quoteIdent(target.schema)}.${quoteIdent(target.table)} WHERE ${quoteIdent(column)} = $1 LIMIT 1`,
      [value],
    );
    return row?.data ?? null;
  } catch (error) {
    if (databaseErrorCode(error) === '42P01' || databaseErrorCode(error) === '3F000') return null;
    throw error;
  }
}
