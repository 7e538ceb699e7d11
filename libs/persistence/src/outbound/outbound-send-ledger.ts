import { toJsonbText } from '@whdb/core';
import { Database } from '../database/database';
import { runQuery, Session, withSession } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const TABLE = controlPlaneTable('outboundSends');

export type OutboundProvider = 'signalwire' | 'front';

/** Where a key stands (docs/behaviour/outbound-sender.md#once-only). */
export type OutboundSendState =
  /** No call was started, or the last one was refused by the provider (nothing was created): call now. */
  | { readonly kind: 'new' }
  /** A call was started and never completed (a crash, a timeout): ask the provider before calling again. */
  | { readonly kind: 'in_flight'; readonly startedAt: Date; readonly calls: number }
  /** Done: the provider's result, to publish again without calling. */
  | { readonly kind: 'completed'; readonly result: unknown; readonly completedAt: Date };

interface SendRow {
  started_at: Date | null;
  completed_at: Date | null;
  result: unknown;
  calls: number;
}

/**
 * One key's record, used while its lock is held. Every write commits at once (the session is not
 * in a transaction): `start` is durable before the provider call begins, `complete` right after
 * the answer, so a crash anywhere leaves either nothing, a call in flight, or the result.
 */
export class OutboundSendEntry {
  constructor(
    private readonly session: Session,
    readonly key: string,
    private readonly provider: OutboundProvider,
  ) {}

  async state(): Promise<OutboundSendState> {
    const [row] = await runQuery<SendRow[]>(this.session, `SELECT started_at, completed_at, result, calls FROM ${TABLE} WHERE idempotency_key = $1`, [this.key]);
    if (!row) return { kind: 'new' };
    if (row.completed_at) return { kind: 'completed', result: row.result, completedAt: row.completed_at };
    if (row.started_at) return { kind: 'in_flight', startedAt: row.started_at, calls: row.calls };
    return { kind: 'new' };
  }

  /** Records (and commits) that a call starts now; returns the recorded start. */
  async start(): Promise<Date> {
    const [row] = await runQuery<{ started_at: Date }[]>(
      this.session,
      `INSERT INTO ${TABLE} AS s (idempotency_key, provider, started_at, calls) VALUES ($1, $2, now(), 1)
       ON CONFLICT (idempotency_key) DO UPDATE SET started_at = now(), calls = s.calls + 1, updated_at = now() WHERE s.completed_at IS NULL
       RETURNING started_at`,
      [this.key, this.provider],
    );
    if (!row) throw new Error(`outbound send ${this.key} is already completed`);
    return row.started_at;
  }

  /** Records the provider's result; later deliveries of the command get it without a call. */
  async complete(result: unknown): Promise<unknown> {
    const json = toJsonbText(result ?? null);
    await runQuery(
      this.session,
      `INSERT INTO ${TABLE} AS s (idempotency_key, provider, completed_at, result) VALUES ($1, $2, now(), $3::jsonb)
       ON CONFLICT (idempotency_key) DO UPDATE SET completed_at = now(), result = $3::jsonb, updated_at = now() WHERE s.completed_at IS NULL`,
      [this.key, this.provider, json],
    );
    return JSON.parse(json) as unknown;
  }

  /** The provider refused the call (an HTTP error answer: nothing was created): the next delivery calls afresh. */
  async abandon(): Promise<void> {
    await runQuery(this.session, `UPDATE ${TABLE} SET started_at = NULL, updated_at = now() WHERE idempotency_key = $1 AND completed_at IS NULL`, [this.key]);
  }

  /** Which of `sids` are the recorded results of other keys (never adopted twice by in-flight resolution). */
  async sidsClaimedElsewhere(sids: readonly string[]): Promise<Set<string>> {
    if (sids.length === 0) return new Set();
    const rows = await runQuery<{ sid: string }[]>(
      this.session,
      `SELECT result ->> 'sid' AS sid FROM ${TABLE} WHERE provider = 'signalwire' AND result ->> 'sid' = ANY($1) AND idempotency_key <> $2`,
      [sids, this.key],
    );
    return new Set(rows.map((row) => row.sid));
  }
}

/**
 * The outbound sender's two-phase idempotency record (`whdb.outbound_sends`; the Medusa pattern of
 * STYLE.md: the key is written before the provider call). `withKey` holds a session-level advisory
 * lock on the key for the whole attempt, on a connection of its own, so two replicas never call
 * the provider for one key at once; a crashed process's lock goes with its connection.
 */
export class OutboundSendLedger {
  constructor(private readonly database: Database) {}

  async withKey<R>(key: string, provider: OutboundProvider, fn: (entry: OutboundSendEntry) => Promise<R>): Promise<R> {
    return withSession(this.database, async (session) => {
      await runQuery(session, `SELECT pg_advisory_lock(hashtextextended('whdb.outbound_sends:' || $1, 0))`, [key]);
      try {
        return await fn(new OutboundSendEntry(session, key, provider));
      } finally {
        await runQuery(session, `SELECT pg_advisory_unlock(hashtextextended('whdb.outbound_sends:' || $1, 0))`, [key]).catch(() => undefined);
      }
    });
  }

  /** A key's state without taking its lock (tests, diagnostics). */
  async peek(key: string): Promise<OutboundSendState> {
    return withSession(this.database, (session) => new OutboundSendEntry(session, key, 'signalwire').state());
  }
}
