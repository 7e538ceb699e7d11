import { historyTableName, qualifiedName, RowVersion } from '@whdb/core';
import { Db, inTransaction, runQuery } from '../database/transaction';
import { ReplicatorTableRef } from '../replicator-tables/replicator-table-target';

/** The advisory lock key of one history table, from `$1` (schema) and `$2` (live table). */
const HISTORY_LOCK_KEY_SQL = `hashtext('whdb_history:' || $1 || '.' || $2)`;

/**
 * Writes row versions into `<table>_history` (docs/behaviour/history.md#how-it-is-filled), in one
 * transaction, and returns how many were new. Order-free and idempotent:
 * - a version is keyed by (remote key, position): the same change applied twice is one row;
 * - every touched row's versions are then chained by position, each valid until the next one's
 *   `valid_from` (never before its own), the last one open-ended; so versions may arrive in any
 *   order (the live consumer and a fill from the log write side by side) and the result is the same.
 * Writers of one history table take turns (a transaction advisory lock), so two writers never chain
 * from a snapshot that misses the other's versions.
 */
export async function writeRowVersions(db: Db, ref: ReplicatorTableRef, versions: readonly RowVersion[]): Promise<number> {
  if (versions.length === 0) return 0;
  const history = qualifiedName(ref.schema, historyTableName(ref.table));
  const rows = versions.map((v) => ({ remote_key: v.remoteKey, source_lsn: v.position, op: v.op, valid_from: v.validFrom.toISOString(), row_data: v.row }));
  const keys = [...new Set(versions.map((v) => v.remoteKey))];
  return inTransaction(db, async (tx) => {
    await runQuery(tx, `SELECT pg_advisory_xact_lock(${HISTORY_LOCK_KEY_SQL})`, [ref.schema, ref.table]);
    const inserted = await runQuery<unknown[]>(
      tx,
      `INSERT INTO ${history} (remote_key, source_lsn, op, valid_from, row_data)
       SELECT v.remote_key, v.source_lsn, v.op, v.valid_from, v.row_data
         FROM jsonb_to_recordset($1::jsonb) AS v(remote_key text, source_lsn bigint, op text, valid_from timestamptz, row_data jsonb)
       ON CONFLICT (remote_key, source_lsn) DO NOTHING
       RETURNING 1`,
      [JSON.stringify(rows)],
    );
    if (inserted.length === 0) return 0;
    await runQuery(
      tx,
      `UPDATE ${history} h
          SET valid_to = chained.valid_to
         FROM (SELECT remote_key, source_lsn,
                      CASE WHEN next_from IS NULL THEN NULL ELSE greatest(next_from, valid_from) END AS valid_to
                 FROM (SELECT remote_key, source_lsn, valid_from,
                              lead(valid_from) OVER (PARTITION BY remote_key ORDER BY source_lsn) AS next_from
                         FROM ${history}
                        WHERE remote_key = ANY($1::text[])) ordered) chained
        WHERE h.remote_key = chained.remote_key AND h.source_lsn = chained.source_lsn
          AND h.valid_to IS DISTINCT FROM chained.valid_to`,
      [keys],
    );
    return inserted.length;
  });
}
