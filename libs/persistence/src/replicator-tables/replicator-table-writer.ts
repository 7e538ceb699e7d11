import { JsonObject, PreparedRow, ReplicatorSchema, toJsonbText } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { ReplicatorTableRef, validateTableRef } from './replicator-table-target';
import { groupByColumnSet, IndexedRow, renderUpsertSql, rowsPerStatement, splitIntoRounds } from './upsert-plan';

export interface UpsertTarget extends ReplicatorTableRef {
  readonly replicatorSchema: ReplicatorSchema;
}

/** A row that was inserted (`c`) or updated (`u`); `after` is the whole row as stored, pk included. */
export interface RowUpsertResult {
  readonly remoteKey: string;
  readonly op: 'c' | 'u';
  readonly after: JsonObject;
}

export interface UpsertOptions {
  /** Rows per statement (default 500; fewer when the parameter limit requires). */
  readonly chunkSize?: number;
}

interface ReturnedRow {
  after: JsonObject;
  inserted: boolean;
}

/**
 * Applies prepared rows with the replicator's conditional upsert (SPEC 5) and returns the rows
 * that changed, in arrival order; rows the guard blocked (stale or replayed) are left out. Run it
 * in a transaction together with the outbox append. Values are bound as parameters with casts to
 * the columns' types; `data` is bound as jsonb text with NUL escapes removed.
 */
export async function upsertRows(
  tx: Db,
  target: UpsertTarget,
  rows: readonly PreparedRow[],
  options: UpsertOptions = {},
): Promise<RowUpsertResult[]> {
  validateTableRef(target);
  const remoteKey = target.replicatorSchema.remoteKey.name;
  const results: (RowUpsertResult & { index: number })[] = [];
  for (const round of splitIntoRounds(rows)) {
    const indexByKey = new Map(round.map((item) => [item.row.remoteKey, item.index]));
    const roundResults: (RowUpsertResult & { index: number })[] = [];
    for (const group of groupByColumnSet(target.replicatorSchema, round)) {
      const perStatement = rowsPerStatement(group.columns.length, options.chunkSize ?? 500);
      for (let start = 0; start < group.rows.length; start += perStatement) {
        const chunk: IndexedRow[] = group.rows.slice(start, start + perStatement);
        const parameters = chunk.flatMap(({ row }) => [...group.columns.map((col) => row.values[col.name] ?? null), toJsonbText(row.data)]);
        const returned = await runQuery<ReturnedRow[]>(tx, renderUpsertSql(target, group.columns, chunk.length), parameters);
        for (const { after, inserted } of returned) {
          const key = String(after[remoteKey]);
          roundResults.push({ remoteKey: key, op: inserted ? 'c' : 'u', after, index: indexByKey.get(key) ?? 0 });
        }
      }
    }
    results.push(...roundResults.sort((a, b) => a.index - b.index));
  }
  return results.map(({ remoteKey: key, op, after }) => ({ remoteKey: key, op, after }));
}
