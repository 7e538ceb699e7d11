import { Logger } from '@whdb/core';
import { PeriodicTask } from '@whdb/service-kit';

/**
 * Deletes staged media past their `delete_at` every `intervalMs`, first right after start-up
 * (docs/behaviour/media.md#cleanup). Replicas may sweep at once: each DELETE takes what is there.
 */
export class TemporaryDocumentSweeper extends PeriodicTask {
  constructor(
    private readonly documents: { deleteExpired(now?: Date): Promise<number> },
    intervalMs: number,
    logger: Logger,
    private readonly onDeleted: (count: number) => void = () => undefined,
  ) {
    super(intervalMs, logger, 'deleting expired media documents');
  }

  protected async runOnce(): Promise<void> {
    const count = await this.documents.deleteExpired();
    this.onDeleted(count);
    if (count > 0) this.logger.info('deleted expired media documents', { count });
  }
}
