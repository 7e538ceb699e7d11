import { toJsonbText } from '@whdb/core';
import { Database } from '../database/database';
import { runQuery, Transaction, withTransaction } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

export interface IdempotencyOutcome<T> {
  /** True when `fn` ran now; false when an earlier run's stored result was returned. */
  readonly ran: boolean;
  /** The result in its JSON form (as stored), whether it ran now or before. */
  readonly result: T;
}

const TABLE = controlPlaneTable('idempotencies');

/**
 * Runs a side effect at most once per key, "once ever, stored" (docs/behaviour/idempotency.md#run-once): the key row is
 * created, then locked `FOR UPDATE` in a transaction (concurrent callers with the key wait); if it
 * has not run, `fn` runs and its JSON result is stored with `last_run`; otherwise the stored
 * result is returned. If `fn` throws, nothing is recorded and the next call runs it again, so a
 * side effect counts as done only once `fn` returned and the transaction committed.
 * Always uses its own connection, never the caller's transaction.
 */
export class IdempotencyStore {
  constructor(private readonly dataSource: Database) {}

  /** When each of `keys` last ran, for the keys that ran (e.g. to show which dead letters were redriven). */
  async lastRuns(keys: readonly string[]): Promise<Map<string, Date>> {
    if (keys.length === 0) return new Map();
    const rows = await runQuery<{ key: string; last_run: Date }[]>(this.dataSource, `SELECT key, last_run FROM ${TABLE} WHERE key = ANY($1) AND last_run IS NOT NULL`, [keys]);
    return new Map(rows.map((row) => [row.key, row.last_run]));
  }

  async runOnce<T>(key: string, fn: (tx: Transaction) => Promise<T>): Promise<IdempotencyOutcome<T>> {
    await runQuery(this.dataSource, `INSERT INTO ${TABLE} (key) VALUES ($1) ON CONFLICT (key) DO NOTHING`, [key]);
    return withTransaction(this.dataSource, async (tx) => {
      const [row] = await runQuery<{ last_run: Date | null; stored_result: unknown }[]>(
        tx,
        `SELECT last_run, stored_result FROM ${TABLE} WHERE key = $1 FOR UPDATE`,
        [key],
      );
      if (row?.last_run) return { ran: false, result: row.stored_result as T };
      const json = toJsonbText((await fn(tx)) ?? null);
      await runQuery(tx, `UPDATE ${TABLE} SET last_run = now(), stored_result = $2::jsonb WHERE key = $1`, [key, json]);
      return { ran: true, result: JSON.parse(json) as T };
    });
  }
}
