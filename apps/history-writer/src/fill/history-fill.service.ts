import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { Database, IntegrationHistoryRepository } from '@whdb/persistence';
import { FillHistoryFromLogUseCase } from './fill-history-from-log.use-case';

export interface HistoryFillOptions {
  readonly pollMs: number;
  readonly staleAfterMs: number;
  /** Resolves once the rows topics exist (the service's topic provisioning). */
  readonly topicsReady: Promise<void>;
}

/**
 * Looks every `pollMs` for an integration whose history was switched on and not yet filled from the
 * log, and fills it (docs/behaviour/history.md#enabling-it-later); one fill at a time per process,
 * replicas take different ones. A fill in progress at shutdown is stopped and queued again.
 */
export class HistoryFillService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly stop = new AbortController();

  constructor(
    private readonly database: Database,
    private readonly fill: FillHistoryFromLogUseCase,
    private readonly options: HistoryFillOptions,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.options.topicsReady.then(() => {
      if (this.stop.signal.aborted) return;
      this.tick();
      this.timer = setInterval(() => this.tick(), this.options.pollMs);
      this.timer.unref();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stop.abort();
    await this.running;
  }

  private tick(): void {
    if (this.running || this.stop.signal.aborted) return;
    this.running = this.fillPending().finally(() => (this.running = undefined));
  }

  /** Runs claimed fills one after the other until none is waiting. */
  private async fillPending(): Promise<void> {
    try {
      const history = new IntegrationHistoryRepository(this.database);
      while (!this.stop.signal.aborted) {
        const target = await history.claimFill(this.options.staleAfterMs);
        if (!target) return;
        const outcome = await this.fill.execute(target, this.stop.signal);
        if (outcome === 'retry') return;
      }
    } catch (error) {
      this.logger.warn('looking for history fills failed; trying again later', { error });
    }
  }
}
