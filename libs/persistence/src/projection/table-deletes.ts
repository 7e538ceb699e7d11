import { ConsumerGroups, ProjectionTarget, qualifiedName, quoteIdent, RowChange, rowChangeMessages } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { appendOutboxBatch, lockOutboxLane, OutboxBatch, OutboxLane } from '../outbox/outbox-store';
import { replicatorTableExists } from '../replicator-tables/replicator-table-ddl';
import { validateTableRef } from '../replicator-tables/replicator-table-target';

/**
 * The lane of a replicator's projector stream that holds row changes made outside the projector:
 * the api's `POST .../upsert` and the deletes of a dropped table (docs/topics.md#outbox-streams).
 * Projector lanes are Kafka partitions (>= 0) and -1 holds what the outbox migration carried over.
 */
export const CONTROL_PLANE_ROW_CHANGES_LANE = -2;

export function controlPlaneRowChangesLane(serviceName: string): OutboxLane {
  return { stream: ConsumerGroups.projector(serviceName), lane: CONTROL_PLANE_ROW_CHANGES_LANE };
}

/** A table about to be dropped, with the column that holds its rows' remote keys. */
export interface DeletedTable {
  readonly target: ProjectionTarget;
  readonly remoteKeyColumn: string;
}

export interface TableDeletesOrigin {
  readonly correlationId: string;
  /** The CloudEvents `ce_source`, e.g. `/whdb/api`. */
  readonly eventSource: string;
  readonly now?: Date;
  /** Messages per outbox batch (default 1000 rows: a `d` and its tombstone each). */
  readonly batchRows?: number;
}

/**
 * In the transaction that drops the table, before the drop: records a `d` row-change event (and
 * its tombstone) for every row (docs/topics.md#deletes-and-tombstones) in the replicator's
 * control-plane lane, in batches, and returns the lane's unpublished batches (older ones first)
 * for the caller to publish after the commit. The table is locked first (ACCESS EXCLUSIVE, as the
 * drop would), so no projector writes a row this misses; the events share the WAL position read
 * after the lock, which is past every committed change of those rows.
 */
export async function recordTableDeletes(tx: Db, table: DeletedTable, origin: TableDeletesOrigin): Promise<OutboxBatch[]> {
  const { target } = table;
  validateTableRef(target);
  const lane = controlPlaneRowChangesLane(target.serviceName);
  const pending = await lockOutboxLane(tx, lane);
  if (!(await replicatorTableExists(tx, target))) return pending;
  const name = qualifiedName(target.schema, target.table);
  await runQuery(tx, `LOCK TABLE ${name} IN ACCESS EXCLUSIVE MODE`);
  const [{ lsn }] = await runQuery<[{ lsn: string }]>(tx, `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS lsn`);
  const now = origin.now ?? new Date();
  const limit = Math.max(1, origin.batchRows ?? 1000);
  const batches: OutboxBatch[] = [...pending];
  for (let after = '-1'; ; ) {
    const rows = await runQuery<{ pk: string; key: string; before: string }[]>(
      tx,
      `SELECT t.pk::text AS pk, t.${quoteIdent(table.remoteKeyColumn)}::text AS key, to_jsonb(t.*)::text AS before FROM ${name} AS t WHERE t.pk > $1::bigint ORDER BY t.pk LIMIT $2`,
      [after, limit],
    );
    if (rows.length === 0) return batches;
    const changes: RowChange[] = rows.map((row) => ({ remoteKey: row.key, op: 'd', beforeJson: row.before, afterJson: null, lsn: Number(lsn) }));
    const messages = rowChangeMessages(target, changes, () => ({ correlationId: origin.correlationId }), now, origin.eventSource);
    batches.push({ id: await appendOutboxBatch(tx, lane, messages), messages });
    after = rows[rows.length - 1]!.pk;
  }
}
