import { decodeInboundEvent, InboundEvent, isAppError, Logger, planProjectionWrites, PreparedRow, ProjectionTarget, Replicator } from '@whdb/core';
import { ConsumedMessage } from '@whdb/kafka';
import { Database, Db, inTransaction, upsertRows } from '@whdb/persistence';

/** What one batch added to the rebuild's counters. */
export interface BatchOutcome {
  readonly eventsRead: number;
  readonly eventsSkipped: number;
  readonly rowsWritten: number;
}

/** Whether a message of the inbound topic belongs to the integration: its key is `<opaque_id>` or `<opaque_id>:<remote key>` (docs/topics.md#catalog). */
export function belongsTo(opaqueId: string, key: string | null): boolean {
  return key !== null && (key === opaqueId || (key.startsWith(opaqueId) && key.charAt(opaqueId.length) === ':'));
}

/**
 * Folds one batch of the inbound topic into the new version of one integration's table
 * (docs/behaviour/rebuild.md#what-is-written), with the projector's own path: the replicator's
 * decoding (`decodeInboundEvent`), row preparation (`planProjectionWrites`) and conditional
 * upsert (`upsertRows`), aimed at the new table. Other integrations' messages are passed over. An
 * event the live projector would dead-letter (it cannot be decoded, or a row of it cannot be
 * stored) is skipped and counted, as the live table never got it either. No row-change event is
 * written: the rebuild replays changes the stream has already announced.
 */
export class RebuildBatchWriter {
  constructor(
    private readonly replicator: Replicator,
    private readonly database: Database,
    private readonly live: ProjectionTarget,
    private readonly build: ProjectionTarget,
    private readonly logger: Logger,
  ) {}

  async write(messages: readonly ConsumedMessage[], now: Date = new Date()): Promise<BatchOutcome> {
    let eventsRead = 0;
    let eventsSkipped = 0;
    const rows: PreparedRow[] = [];
    for (const message of messages) {
      if (!belongsTo(this.live.opaqueId, message.key)) continue;
      eventsRead += 1;
      try {
        const decoded = decodeInboundEvent(this.replicator, message.json<InboundEvent>());
        if (decoded.opaqueId !== this.live.opaqueId) continue;
        for (const write of planProjectionWrites(this.replicator, [decoded], () => this.build, now)) rows.push(...write.rows);
      } catch (error) {
        if (!isAppError(error) || error.retriable) throw error;
        eventsSkipped += 1;
        this.logger.warn('rebuild skipped an event the projector would dead-letter', { partition: message.partition, offset: message.offset, code: error.code });
      }
    }
    if (rows.length === 0) return { eventsRead, eventsSkipped, rowsWritten: 0 };
    const written = await inTransaction(this.database, async (tx) => {
      // A crash loses nothing the rebuild needs (it starts over), so its commits need not wait for the WAL flush.
      await tx.query('SET LOCAL synchronous_commit = off');
      return this.upsert(tx, rows);
    });
    return { eventsRead, eventsSkipped: eventsSkipped + written.skipped, rowsWritten: written.rows };
  }

  /** All rows at once; when the database refuses one (never retriable), row by row, skipping what it refuses. */
  private async upsert(tx: Db, rows: readonly PreparedRow[]): Promise<{ rows: number; skipped: number }> {
    const target = { schema: this.build.schema, table: this.build.table, replicatorSchema: this.replicator.schema };
    await tx.query('SAVEPOINT whdb_rebuild_batch');
    try {
      await upsertRows(tx, target, rows, { chunkSize: 5000, returnChanges: false });
      await tx.query('RELEASE SAVEPOINT whdb_rebuild_batch');
      return { rows: rows.length, skipped: 0 };
    } catch (error) {
      if (!isAppError(error) || error.retriable) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT whdb_rebuild_batch');
    }
    let written = 0;
    for (const row of rows) {
      await tx.query('SAVEPOINT whdb_rebuild_row');
      try {
        await upsertRows(tx, target, [row], { returnChanges: false });
        await tx.query('RELEASE SAVEPOINT whdb_rebuild_row');
        written += 1;
      } catch (error) {
        if (!isAppError(error) || error.retriable) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT whdb_rebuild_row');
        this.logger.warn('rebuild skipped a row the database refused', { remote_key: row.remoteKey, code: error.code });
      }
    }
    return { rows: written, skipped: rows.length - written };
  }
}
