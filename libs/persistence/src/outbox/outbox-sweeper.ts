import { Logger, OutboxMessage, silentLogger } from '@whdb/core';
import { Database } from '../database/database';
import { withTransaction } from '../database/transaction';
import { deleteOutboxBatches, staleOutboxLanes, tryLockStaleOutboxLane } from './outbox-store';

export type OutboxPublish = (messages: readonly OutboxMessage[]) => Promise<void>;

export interface OutboxSweeperOptions {
  /** The writer whose lanes it sweeps, e.g. `whdb.projector.increase_account_v1`. */
  readonly stream: string;
  /** A lane is swept once its oldest batch waited this long (default 10 s). */
  readonly staleAfterMs?: number;
  /** Pause between sweeps (default 5 s). */
  readonly intervalMs?: number;
  readonly logger?: Logger;
}

/**
 * The outbox's safety net (docs/architecture.md#row-change-events). A writer publishes its own
 * batches right after committing them; what a crash or an outage left behind is published by the
 * lane's next writer before its own batch, or, when no new event comes for that lane, by a sweeper:
 * every `intervalMs` it takes each stale lane's lock (skipping lanes a writer holds), publishes the
 * lane's batches in order and deletes them, in one transaction. A failed publish rolls back and is
 * tried again on the next sweep: at least once, never lost, in order per lane.
 */
export class OutboxSweeper {
  private readonly staleAfterMs: number;
  private readonly intervalMs: number;
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly database: Database,
    private readonly publish: OutboxPublish,
    private readonly options: OutboxSweeperOptions,
  ) {
    this.staleAfterMs = options.staleAfterMs ?? 10_000;
    this.intervalMs = options.intervalMs ?? 5_000;
    this.logger = (options.logger ?? silentLogger).child({ component: 'outbox-sweeper', stream: options.stream });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Stops and waits for a sweep in progress (which commits or rolls back). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One sweep over every stale lane; returns how many messages it published. */
  async sweepOnce(): Promise<number> {
    let published = 0;
    for (const lane of await staleOutboxLanes(this.database, this.options.stream, this.staleAfterMs)) {
      published += await withTransaction(this.database, async (tx) => {
        const batches = await tryLockStaleOutboxLane(tx, lane, this.staleAfterMs);
        if (!batches || batches.length === 0) return 0;
        const messages = batches.flatMap((batch) => batch.messages);
        await this.publish(messages);
        await deleteOutboxBatches(tx, batches.map((batch) => batch.id));
        this.logger.info('published messages a writer left in the outbox', { lane: lane.lane, batches: batches.length, messages: messages.length });
        return messages.length;
      });
    }
    return published;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweepOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn('outbox sweep failed; will retry', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }
}
