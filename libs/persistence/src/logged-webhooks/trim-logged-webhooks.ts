import { RetentionCutoffs } from '@whdb/core';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from '../database/advisory-locks';
import { Database } from '../database/database';
import { runQuery, withSession } from '../database/transaction';
import { LoggedWebhookRepository, TrimResult } from './logged-webhook.repository';

/**
 * Trims the audit log until nothing is left to trim (docs/behaviour/audit-log.md#retention), in
 * batches, while holding a session advisory lock; returns null when another process holds it
 * (it is trimming right now).
 */
export async function trimLoggedWebhooks(database: Database, cutoffs: RetentionCutoffs, batchSize = 5000): Promise<TrimResult | null> {
  return withSession(database, async (session) => {
    const [lock] = await runQuery<{ locked: boolean }[]>(session, 'SELECT pg_try_advisory_lock($1, $2) AS locked', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.loggedWebhookTrim]);
    if (!lock?.locked) return null;
    try {
      const repository = new LoggedWebhookRepository(database);
      const total = { truncated: 0, deleted: 0 };
      for (;;) {
        const pass = await repository.trim(cutoffs, batchSize);
        total.truncated += pass.truncated;
        total.deleted += pass.deleted;
        if (pass.truncated < batchSize && pass.deleted < batchSize) return total;
      }
    } finally {
      await runQuery(session, 'SELECT pg_advisory_unlock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.loggedWebhookTrim]);
    }
  });
}
