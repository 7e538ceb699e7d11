import { Logger } from '@whdb/core';
import { BackfillJobRepository, Database } from '@whdb/persistence';
import { PeriodicTask } from '@whdb/service-kit';
import { JobQueue } from './job-queue';

/**
 * Finds the jobs nobody runs (docs/behaviour/backfill.md#sweep), at boot, every interval, and when
 * poked (a job ended, so the integration's next job or the children may run): pending or running
 * jobs that are roots or children of finished parents. That covers a request consumed by a
 * backfiller that then died, a run killed mid-way (resumed from its cursor: the dead session's
 * advisory lock is gone), and a request that found its integration locked by another replica.
 */
export class JobSweepService extends PeriodicTask {
  constructor(
    private readonly database: Database,
    private readonly queue: JobQueue,
    intervalMs: number,
    private readonly batchSize: number,
    logger: Logger,
  ) {
    super(intervalMs, logger, 'the backfill job sweep');
  }

  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    if (this.intervalMs <= 0) this.poke(); // still once at boot
  }

  protected async runOnce(): Promise<void> {
    const runnable = await new BackfillJobRepository(this.database).listRunnable(this.batchSize);
    let offered = 0;
    for (const job of runnable) if (this.queue.offer(job.id)) offered += 1;
    if (offered > 0) this.logger.info('backfill jobs found by the sweep', { offered });
  }
}
