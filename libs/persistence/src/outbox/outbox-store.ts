import { decodeOutboxBatch, encodeOutboxBatch, OutboxMessage } from '@whdb/core';
import { Db } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

/**
 * One writer's ordering unit in the outbox (docs/architecture.md#row-change-events): `stream`
 * names the writer (a projector's consumer group), `lane` the inbound partition it consumes.
 * Batches of one lane are published in id order, by whoever holds the lane's lock.
 */
export interface OutboxLane {
  readonly stream: string;
  readonly lane: number;
}

/** Messages written by one transaction that are not known to be published yet. */
export interface OutboxBatch {
  readonly id: string;
  readonly messages: readonly OutboxMessage[];
}

const OUTBOX = controlPlaneTable('outbox');

/** The lane's advisory lock key: one bigint per (stream, lane), held until the transaction ends. */
const LANE_LOCK = `pg_advisory_xact_lock(hashtextextended($1 || '/' || $2::text, 0))`;
const LANE_TRY_LOCK = `pg_try_advisory_xact_lock(hashtextextended($1 || '/' || $2::text, 0))`;

/**
 * In the writer's transaction: waits for the lane's lock (held until commit, so writers and
 * sweepers of one lane take turns) and returns the lane's unpublished batches, oldest first.
 */
export async function lockOutboxLane(tx: Db, lane: OutboxLane): Promise<OutboxBatch[]> {
  await tx.query(`SELECT ${LANE_LOCK}`, [lane.stream, lane.lane]);
  // A statement of its own: under READ COMMITTED it sees what the previous holder committed.
  return pendingBatches(tx, lane);
}

async function pendingBatches(tx: Db, lane: OutboxLane): Promise<OutboxBatch[]> {
  const rows = await tx.query<{ id: string; messages: string }>(
    `SELECT id::text AS id, messages FROM ${OUTBOX} WHERE stream = $1 AND lane = $2 ORDER BY id`,
    [lane.stream, lane.lane],
  );
  return rows.map((row) => ({ id: row.id, messages: decodeOutboxBatch(row.messages) }));
}

/**
 * Like `lockOutboxLane`, but gives up (null) when another transaction holds the lane, and only
 * returns batches when the oldest is older than `olderThanMs` (a live writer publishes its own).
 */
export async function tryLockStaleOutboxLane(tx: Db, lane: OutboxLane, olderThanMs: number): Promise<OutboxBatch[] | null> {
  const [{ locked }] = (await tx.query<{ locked: boolean }>(`SELECT ${LANE_TRY_LOCK} AS locked`, [lane.stream, lane.lane])) as [{ locked: boolean }];
  if (!locked) return null;
  const batches = await pendingBatches(tx, lane);
  if (batches.length === 0) return [];
  const [{ stale }] = (await tx.query<{ stale: boolean }>(
    `SELECT created_at < clock_timestamp() - make_interval(secs => $2::double precision / 1000) AS stale FROM ${OUTBOX} WHERE id = $1`,
    [batches[0]!.id, olderThanMs],
  )) as [{ stale: boolean }];
  return stale ? batches : [];
}

/** Records a transaction's messages in its lane; returns the batch id. Call it in that transaction. */
export async function appendOutboxBatch(tx: Db, lane: OutboxLane, messages: readonly OutboxMessage[]): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO ${OUTBOX} (stream, lane, messages, message_count) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
    [lane.stream, lane.lane, encodeOutboxBatch(messages), messages.length],
  );
  return row!.id;
}

/** Forgets published batches. A batch that stays (this failed) is published again: at least once. */
export async function deleteOutboxBatches(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`DELETE FROM ${OUTBOX} WHERE id = ANY($1::bigint[])`, [ids]);
}

/** Lanes of `stream` whose oldest batch waits longer than `olderThanMs`. */
export async function staleOutboxLanes(db: Db, stream: string, olderThanMs: number): Promise<OutboxLane[]> {
  const rows = await db.query<{ lane: number }>(
    `SELECT lane FROM ${OUTBOX} WHERE stream = $1 GROUP BY lane
     HAVING min(created_at) < clock_timestamp() - make_interval(secs => $2::double precision / 1000) ORDER BY lane`,
    [stream, olderThanMs],
  );
  return rows.map((row) => ({ stream, lane: row.lane }));
}

/** How far behind publishing is, for metrics: waiting messages and the oldest batch's age. */
export async function outboxLag(db: Db, stream: string): Promise<{ messages: number; oldestAgeMs: number | null }> {
  const [row] = await db.query<{ messages: number; oldest_age_ms: number | null }>(
    `SELECT coalesce(sum(message_count), 0)::integer AS messages,
            (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::double precision AS oldest_age_ms
       FROM ${OUTBOX} WHERE stream = $1`,
    [stream],
  );
  return { messages: row!.messages, oldestAgeMs: row!.oldest_age_ms === null ? null : Math.max(0, row!.oldest_age_ms) };
}
