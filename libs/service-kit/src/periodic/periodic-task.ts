import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@whdb/core';

/**
 * A background pass a service runs every `intervalMs` while it runs, first right after start-up
 * (the sweeps, the audit-log trimmer, the media cleanup; docs/architecture.md#background-passes):
 * - passes never overlap: a tick or `poke()` during a pass runs one more pass right after it;
 * - a failed pass is logged as a warning (`<what> failed; trying again later`) and the next tick retries;
 * - `intervalMs <= 0` disables the timer (a subclass may still `poke()`);
 * - shutdown stops the timer and waits for the pass in progress.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  protected constructor(
    protected readonly intervalMs: number,
    protected readonly logger: Logger,
    /** What a pass does, for the warning when it fails (e.g. "trimming the webhook audit log"). */
    private readonly what: string,
  ) {}

  /** One pass. */
  protected abstract runOnce(): Promise<void>;

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.poke();
    this.timer = setInterval(() => this.poke(), this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass now, or once more after the one in progress. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.warn(`${this.what} failed; trying again later`, { error }))
      .finally(() => {
        this.running = undefined;
        if (!this.again) return;
        this.again = false;
        this.poke();
      });
  }
}
