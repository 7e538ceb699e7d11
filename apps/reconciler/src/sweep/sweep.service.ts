import { Logger } from '@whdb/core';
import { PeriodicTask } from '@whdb/service-kit';
import { SweepDependencies, sweepUnconvergedRows } from './sweep-unconverged-rows';

/**
 * Runs the sweep every `intervalMs` (`WHDB_RECONCILER_SWEEP_INTERVAL_SECONDS`; 0 disables), first
 * right after start-up (docs/behaviour/channel.md#sweep). A failed sweep is counted, logged and
 * tried again at the next tick; shutdown waits for the sweep in progress.
 */
export class SweepService extends PeriodicTask {
  constructor(
    private readonly deps: SweepDependencies,
    intervalMs: number,
    logger: Logger,
  ) {
    super(intervalMs, logger, 'sweeping unconverged channel rows');
  }

  protected async runOnce(): Promise<void> {
    try {
      const result = await sweepUnconvergedRows(this.deps, new Date());
      if (result === null) return this.deps.metrics.swept('locked', 0);
      this.deps.metrics.swept('done', result.unconverged);
      if (result.issued + result.reissued + result.skipped + result.alerted > 0) this.logger.info('swept unconverged channel rows', { ...result });
    } catch (error) {
      this.deps.metrics.swept('failed', 0);
      throw error;
    }
  }
}
