import { Database } from '../database/database';
import { runQuery, Transaction, withSession } from '../database/transaction';

/** Session-level advisory lock key of an integration's backfills (a bigint from its id). */
const RUN_LOCK_KEY_SQL = `hashtextextended('whdb.backfill.run:' || $1::text, 0)`;
/** Transaction-level advisory lock key of an integration's scheduled-poll claims. */
const SCHEDULE_LOCK_KEY_SQL = `hashtextextended('whdb.backfill.schedule:' || $1::text, 0)`;

export type LockedRun<T> = { readonly acquired: true; readonly result: T } | { readonly acquired: false };

/**
 * Runs `fn` while this process holds the integration's backfill lock (docs/behaviour/backfill.md#lock):
 * a session-level advisory lock on a connection kept for the whole run, so two backfillers never run
 * jobs of one integration at once, and a backfiller that dies (even `kill -9`) releases it with its
 * connection. Does not wait: `{acquired: false}` when another session holds it.
 */
export async function withIntegrationBackfillLock<T>(database: Database, integrationId: number, fn: () => Promise<T>): Promise<LockedRun<T>> {
  return withSession(database, async (session) => {
    const [lock] = await runQuery<{ locked: boolean }[]>(session, `SELECT pg_try_advisory_lock(${RUN_LOCK_KEY_SQL}) AS locked`, [integrationId]);
    if (!lock?.locked) return { acquired: false };
    try {
      return { acquired: true, result: await fn() };
    } finally {
      await runQuery(session, `SELECT pg_advisory_unlock(${RUN_LOCK_KEY_SQL})`, [integrationId]).catch(() => undefined);
    }
  });
}

/** Serializes scheduled-poll claims of one integration until `tx` ends (docs/behaviour/backfill.md#scheduler). */
export async function lockIntegrationSchedule(tx: Transaction, integrationId: number): Promise<void> {
  await runQuery(tx, `SELECT pg_advisory_xact_lock(${SCHEDULE_LOCK_KEY_SQL})`, [integrationId]);
}
