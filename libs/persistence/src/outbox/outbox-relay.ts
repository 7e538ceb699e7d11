import { Logger, silentLogger } from '@whdb/core';
import { DataSource } from 'typeorm';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from '../database/advisory-locks';
import { runQuery, withTransaction } from '../database/transaction';
import { controlPlaneTable } from '../entities/control-plane-schema';
import { OutboxMessage } from '../repositories/outbox.repository';

export type OutboxPublish = (messages: OutboxMessage[]) => Promise<void>;

export interface OutboxRelayOptions {
  /** Messages per cycle (default 500). */
  readonly batchSize?: number;
  /** Sleep between polls when the outbox was drained (default 200 ms). */
  readonly idleMs?: number;
  /** First back-off after a failure (default 500 ms), doubling up to `maxBackoffMs` (default 30 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly logger?: Logger;
}

export interface OutboxDrainResult {
  /** False when another relay holds the publishing lock. */
  readonly locked: boolean;
  readonly published: number;
}

export interface OutboxLag {
  readonly count: number;
  /** Age of the oldest waiting message, null when the outbox is empty. */
  readonly oldestAgeMs: number | null;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
}

/**
 * Publishes the outbox in id order. Each cycle runs in one transaction: take the relay lock
 * (`pg_try_advisory_xact_lock`, so one relay publishes at a time and order is strict), read the
 * oldest rows, `publish` them, delete them, commit. If `publish` throws, the transaction rolls
 * back and the rows are published again after a back-off (at least once, never lost).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: Logger;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publish: OutboxPublish,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 200;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.logger = (options.logger ?? silentLogger).child({ component: 'outbox-relay' });
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Stops after the current cycle (which commits or rolls back) and waits for it. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  /** One cycle; `publish` failures propagate after the rollback. */
  async drainOnce(): Promise<OutboxDrainResult> {
    return withTransaction(this.dataSource, async (tx) => {
      const [{ locked }] = await runQuery<[{ locked: boolean }]>(tx, 'SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [
        ADVISORY_LOCK_NAMESPACE,
        ADVISORY_LOCKS.outboxRelay,
      ]);
      if (!locked) return { locked: false, published: 0 };
      const rows = await runQuery<OutboxRow[]>(
        tx,
        `SELECT id::text AS id, topic, key, value, headers FROM ${controlPlaneTable('outbox')} ORDER BY id LIMIT $1 FOR UPDATE`,
        [this.batchSize],
      );
      if (rows.length === 0) return { locked: true, published: 0 };
      await this.publish(rows.map(({ topic, key, value, headers }) => ({ topic, key, value, headers })));
      await runQuery(tx, `DELETE FROM ${controlPlaneTable('outbox')} WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return { locked: true, published: rows.length };
    });
  }

  /** How far behind the relay is (for metrics). */
  async lag(): Promise<OutboxLag> {
    const [row] = await runQuery<[{ count: number; oldest_age_ms: number | null }]>(
      this.dataSource,
      `SELECT count(*)::integer AS count,
              (extract(epoch FROM clock_timestamp() - min(created_at)) * 1000)::double precision AS oldest_age_ms
         FROM ${controlPlaneTable('outbox')}`,
    );
    return { count: row.count, oldestAgeMs: row.oldest_age_ms === null ? null : Math.max(0, row.oldest_age_ms) };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let pause = this.idleMs;
      try {
        const result = await this.drainOnce();
        failures = 0;
        // A full batch means there is probably more: go again at once.
        if (result.published === this.batchSize) pause = 0;
      } catch (error) {
        failures += 1;
        pause = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (failures - 1));
        this.logger.warn('outbox publish failed; will retry', {
          error: error instanceof Error ? error.message : String(error),
          attempt: failures,
          retryInMs: pause,
        });
      }
      if (pause > 0 && !this.stopping) await this.sleep(pause);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }
}
