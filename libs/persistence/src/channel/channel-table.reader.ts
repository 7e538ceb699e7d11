import { JsonObject, qualifiedName, ReplicatorTableRef } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { Db, runQuery } from '../database/transaction';

/** The table, or its organization's schema, is gone (the channel or the organization was deleted). */
const GONE = new Set(['42P01', '3F000']);

/** One stored channel row: every column (timestamps as ISO text) and `data`. */
export type StoredChannelRow = JsonObject;

/**
 * Reads of channel tables (`front_signalwire_message_channel_app_v1`) for the reconciler, which
 * never writes them (docs/behaviour/channel.md#roles): the projector is their one writer. A table
 * that no longer exists (the channel was deleted) reads as empty.
 */
export class ChannelTableReader {
  constructor(private readonly db: Db) {}

  /** Whether a row of the channel already carries this SignalWire sid (SPEC 15.4: the channel's own send). */
  async hasSignalwireSid(table: ReplicatorTableRef, sid: string): Promise<boolean> {
    return this.exists(table, `signalwire_sid = $1`, [sid]);
  }

  /**
   * Whether a Front reply to `recipient` is still waiting for its SMS (no sid yet): an outbound-api
   * SMS to that customer may be that reply, sent but not yet recorded (docs/behaviour/channel.md#no-echo).
   */
  async hasPendingSendTo(table: ReplicatorTableRef, recipient: string): Promise<boolean> {
    return this.exists(table, `signalwire_sid IS NULL AND front_message_id IS NOT NULL AND recipient = $1`, [recipient]);
  }

  /** Rows with an id missing, oldest first (SPEC 15.5's page), as JSON objects. */
  async listUnconverged(table: ReplicatorTableRef, limit: number): Promise<StoredChannelRow[]> {
    try {
      const rows = await runQuery<{ row: StoredChannelRow }[]>(
        this.db,
        `SELECT to_jsonb(t) AS row FROM ${qualifiedName(table.schema, table.table)} AS t WHERE signalwire_sid IS NULL OR front_message_id IS NULL ORDER BY pk LIMIT $1`,
        [limit],
      );
      return rows.map((r) => r.row);
    } catch (error) {
      if (GONE.has(databaseErrorCode(error) ?? '')) return [];
      throw error;
    }
  }

  private async exists(table: ReplicatorTableRef, where: string, parameters: unknown[]): Promise<boolean> {
    try {
      const rows = await runQuery<unknown[]>(this.db, `SELECT 1 FROM ${qualifiedName(table.schema, table.table)} WHERE ${where} LIMIT 1`, parameters);
      return rows.length > 0;
    } catch (error) {
      if (GONE.has(databaseErrorCode(error) ?? '')) return false;
      throw error;
    }
  }
}
