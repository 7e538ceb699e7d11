import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { BackfillJobRepository, Database } from '@whdb/persistence';
import { JobQueue } from './job-queue';

/**
 * Finds the jobs nobody runs (docs/behaviour/backfill.md#sweep), at boot, every interval, and when
 * poked (a job ended, so the integration's next job or the children may run): pending or running
 * jobs that are roots or children of finished parents. That covers a request consumed by a
 * backfiller that then died, a run killed mid-way (resumed from its cursor: the dead session's
 * advisory lock is gone), and a request that found its integration locked by another replica.
 */
export class JobSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly queue: JobQueue,
    private readonly intervalMs: number,
    private readonly batchSize: number,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.poke();
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => this.poke(), this.intervalMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Sweeps soon; a poke during a sweep runs one more afterwards. */
  poke(): void {
    if (this.stopped) return;
    if (this.sweeping) {
      this.again = true;
      return;
    }
    this.sweeping = this.sweep()
      .catch((error: unknown) => this.logger.warn('backfill job sweep failed; the next one retries', { error }))
      .finally(() => {
        this.sweeping = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  private async sweep(): Promise<void> {
    const runnable = await new BackfillJobRepository(this.database).listRunnable(this.batchSize);
    let offered = 0;
    for (const job of runnable) if (this.queue.offer(job.id)) offered += 1;
    if (offered > 0) this.logger.info('backfill jobs found by the sweep', { offered });
  }
}
