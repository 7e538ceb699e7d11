import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@whdb/core';

/**
 * Deletes staged media past their `delete_at` every `intervalMs`, first right after start-up
 * (docs/behaviour/media.md#cleanup). Replicas may sweep at once: each DELETE takes what is there.
 */
export class TemporaryDocumentSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly documents: { deleteExpired(now?: Date): Promise<number> },
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly onDeleted: (count: number) => void = () => undefined,
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
    this.running = this.documents
      .deleteExpired()
      .then((count) => {
        this.onDeleted(count);
        if (count > 0) this.logger.info('deleted expired media documents', { count });
      })
      .catch((error: unknown) => this.logger.warn('deleting expired media documents failed; trying again later', { error }))
      .finally(() => (this.running = undefined));
  }
}
