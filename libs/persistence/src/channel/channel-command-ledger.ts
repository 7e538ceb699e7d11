import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from '../database/advisory-locks';
import { Database } from '../database/database';
import { runQuery, Transaction, withSession, withTransaction } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const TABLE = controlPlaneTable('channelCommands');

/** What the ledger knows of one channel row's command. */
export interface ChannelCommandState {
  readonly externalId: string;
  readonly commandType: string;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly alertedAt: Date | null;
}

interface StateRow {
  external_id: string;
  command_type: string;
  attempts: number;
  next_attempt_at: Date;
  alerted_at: Date | null;
}

/**
 * The reconciler's record of the commands it issued (docs/behaviour/channel.md#commands), table
 * `whdb.channel_commands`: the first issue of a row's command is recorded in the transaction that
 * publishes it, so it happens once however often the row change is delivered; re-issues by the
 * sweep count attempts and move the next allowed attempt out.
 */
export class ChannelCommandLedger {
  constructor(private readonly database: Database) {}

  /**
   * Records the first issue and runs `publish` inside the same transaction: true when it ran now;
   * false when a command for that row was issued before (nothing runs). A failing `publish` rolls
   * the record back; a crash after `publish` and before the commit re-issues on redelivery, which
   * the outbound sender's idempotency key absorbs.
   */
  async issueOnce(channelOpaqueId: string, externalId: string, commandType: string, nextAttemptAt: Date, publish: (tx: Transaction) => Promise<void>): Promise<boolean> {
    return withTransaction(this.database, async (tx) => {
      const inserted = await runQuery<unknown[]>(
        tx,
        `INSERT INTO ${TABLE} (channel_opaque_id, external_id, command_type, next_attempt_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (channel_opaque_id, external_id) DO NOTHING RETURNING 1`,
        [channelOpaqueId, externalId, commandType, nextAttemptAt],
      );
      if (inserted.length === 0) return false;
      await publish(tx);
      return true;
    });
  }

  /** The states of these rows' commands (rows never issued are absent). */
  async states(channelOpaqueId: string, externalIds: readonly string[]): Promise<Map<string, ChannelCommandState>> {
    if (externalIds.length === 0) return new Map();
    const rows = await runQuery<StateRow[]>(
      this.database,
      `SELECT external_id, command_type, attempts, next_attempt_at, alerted_at FROM ${TABLE} WHERE channel_opaque_id = $1 AND external_id = ANY($2)`,
      [channelOpaqueId, externalIds],
    );
    return new Map(rows.map((row) => [row.external_id, { externalId: row.external_id, commandType: row.command_type, attempts: row.attempts, nextAttemptAt: row.next_attempt_at, alertedAt: row.alerted_at }]));
  }

  /** Records a re-issue (attempt `attempts`), then publishes it, in one transaction; false when someone else re-issued first. */
  async reissue(channelOpaqueId: string, externalId: string, previousAttempts: number, nextAttemptAt: Date, publish: (tx: Transaction) => Promise<void>): Promise<boolean> {
    return withTransaction(this.database, async (tx) => {
      const updated = await runQuery<unknown[]>(
        tx,
        `UPDATE ${TABLE} SET attempts = attempts + 1, last_issued_at = now(), next_attempt_at = $4
          WHERE channel_opaque_id = $1 AND external_id = $2 AND attempts = $3 RETURNING 1`,
        [channelOpaqueId, externalId, previousAttempts, nextAttemptAt],
      );
      if (updated.length === 0) return false;
      await publish(tx);
      return true;
    });
  }

  /** Marks the retry cap alert raised; false when it already was. */
  async markAlerted(channelOpaqueId: string, externalId: string): Promise<boolean> {
    const rows = await runQuery<unknown[]>(
      this.database,
      `UPDATE ${TABLE} SET alerted_at = now() WHERE channel_opaque_id = $1 AND external_id = $2 AND alerted_at IS NULL RETURNING 1`,
      [channelOpaqueId, externalId],
    );
    return rows.length > 0;
  }

  /** Forgets a channel's commands (the channel was deleted). */
  async forgetChannel(channelOpaqueId: string, db: Database | Transaction = this.database): Promise<void> {
    await runQuery(db, `DELETE FROM ${TABLE} WHERE channel_opaque_id = $1`, [channelOpaqueId]);
  }

  /** Runs `fn` while holding the sweep lock; null when another reconciler holds it (it is sweeping now). */
  async whileSweepLocked<T>(fn: () => Promise<T>): Promise<T | null> {
    return withSession(this.database, async (session) => {
      const [lock] = await runQuery<{ locked: boolean }[]>(session, 'SELECT pg_try_advisory_lock($1, $2) AS locked', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.channelSweep]);
      if (!lock?.locked) return null;
      try {
        return await fn();
      } finally {
        await runQuery(session, 'SELECT pg_advisory_unlock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.channelSweep]);
      }
    });
  }
}
