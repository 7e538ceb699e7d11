import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { SweepDependencies, sweepUnconvergedRows } from './sweep-unconverged-rows';

/**
 * Runs the sweep every `intervalMs` (`WHDB_RECONCILER_SWEEP_INTERVAL_SECONDS`; 0 disables), first
 * right after start-up (docs/behaviour/channel.md#sweep). A failed sweep is logged and tried again
 * at the next tick; shutdown waits for the sweep in progress.
 */
export class SweepService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: SweepDependencies,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep().finally(() => (this.running = undefined));
  }

  private async sweep(): Promise<void> {
    try {
      const result = await sweepUnconvergedRows(this.deps, new Date());
      if (result === null) return this.deps.metrics.swept('locked', 0);
      this.deps.metrics.swept('done', result.unconverged);
      if (result.issued + result.reissued + result.skipped + result.alerted > 0) this.logger.info('swept unconverged channel rows', { ...result });
    } catch (error) {
      this.deps.metrics.swept('failed', 0);
      this.logger.warn('sweeping unconverged channel rows failed; trying again later', { error });
    }
  }
}
