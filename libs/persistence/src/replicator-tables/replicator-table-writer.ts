import { PreparedRow, ReplicatorSchema, RowChange } from '@whdb/core';
import { Db } from '../database/transaction';
import { ReplicatorTableRef, validateTableRef } from './replicator-table-target';
import { groupByColumnSet, IndexedRow, renderRowsParameter, renderUpsertSql, splitIntoRounds } from './upsert-plan';

export interface UpsertTarget extends ReplicatorTableRef {
  readonly replicatorSchema: ReplicatorSchema;
}

export interface UpsertOptions {
  /** Rows per statement (default 500). */
  readonly chunkSize?: number;
  /**
   * False: the statements return nothing and the result is empty (a table rebuild announces no
   * changes, docs/behaviour/rebuild.md#what-is-written, and skips building them). Default true.
   */
  readonly returnChanges?: boolean;
}

interface ReturnedRow {
  key: string;
  after: string;
  inserted: boolean;
  lsn: string;
  before: string | null;
}

/**
 * Applies prepared rows with the replicator's conditional upsert (docs/behaviour/upserts.md) and
 * returns the rows that changed, in arrival order, with their images before (`u`) and after;
 * rows the guard blocked (stale or replayed) are left out. `rowIndex` is the row's index in
 * `rows`. Run it in a transaction together with the outbox append.
 */
export async function upsertRows(db: Db, target: UpsertTarget, rows: readonly PreparedRow[], options: UpsertOptions = {}): Promise<RowChange[]> {
  validateTableRef(target);
  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  const results: (RowChange & { rowIndex: number })[] = [];
  for (const round of splitIntoRounds(rows)) {
    const indexByKey = new Map(round.map((item) => [item.row.remoteKey, item.index]));
    const roundResults: (RowChange & { rowIndex: number })[] = [];
    for (const group of groupByColumnSet(target.replicatorSchema, round)) {
      const sql = renderUpsertSql(target, group.columns, options.returnChanges ?? true);
      for (let start = 0; start < group.rows.length; start += chunkSize) {
        const chunk: IndexedRow[] = group.rows.slice(start, start + chunkSize);
        const returned = await db.query<ReturnedRow>(sql, [renderRowsParameter(group.columns, chunk)]);
        for (const { key, after, inserted, lsn, before } of returned) {
          // `before` is null for an insert, and for the rare update of a row another transaction
          // inserted after this statement's snapshot (docs/behaviour/upserts.md#changed-rows).
          // A backfill's insert is a snapshot read, `r` (docs/topics.md#the-envelope).
          const rowIndex = indexByKey.get(key) ?? 0;
          const op = inserted ? (rows[rowIndex]?.snapshot ? 'r' : 'c') : 'u';
          roundResults.push({ remoteKey: key, op, beforeJson: inserted ? null : before, afterJson: after, lsn: Number(lsn), rowIndex });
        }
      }
    }
    results.push(...roundResults.sort((a, b) => a.rowIndex - b.rowIndex));
  }
  return results;
}
