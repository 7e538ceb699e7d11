import { Logger } from '@whdb/core';

/**
 * The jobs this backfiller runs (docs/behaviour/backfill.md#runner): at most `concurrency` at once,
 * each job id at most once at a time (a second request for a job already queued or running is
 * dropped: the run in progress covers it). `run` never throws out of the queue. Jobs live in
 * Postgres, not here: what is lost with the process is found again by the sweep.
 */
export class JobQueue {
  private readonly waiting: number[] = [];
  private readonly known = new Set<number>();
  private active = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly run: (jobId: number) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  /** Queues a job unless it is already queued or running; false when it was not queued. */
  offer(jobId: number): boolean {
    if (this.closed || this.known.has(jobId)) return false;
    this.known.add(jobId);
    this.waiting.push(jobId);
    this.pump();
    return true;
  }

  get size(): number {
    return this.known.size;
  }

  /**
   * Stops taking jobs and waits up to `graceMs` for the running ones. Waiting jobs stay pending in
   * Postgres; a run still going after the grace (a long history, a retry backoff) is abandoned and
   * resumed from its stored cursor by the next backfiller (docs/behaviour/backfill.md#resume).
   */
  async close(graceMs: number): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    if (this.active === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
  }

  private pump(): void {
    while (!this.closed && this.active < this.concurrency && this.waiting.length > 0) {
      const jobId = this.waiting.shift()!;
      this.active += 1;
      void this.run(jobId)
        .catch((error: unknown) => this.logger.error('backfill job run crashed; the sweep will try again', { job: jobId, error }))
        .finally(() => {
          this.active -= 1;
          this.known.delete(jobId);
          if (this.active === 0 && this.closed) for (const resolve of this.idleWaiters.splice(0)) resolve();
          this.pump();
        });
    }
  }
}
