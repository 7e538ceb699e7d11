import { LoggedWebhookRetention, Logger, retentionCutoffs } from '@whdb/core';
import { Database, trimLoggedWebhooks } from '@whdb/persistence';
import { PeriodicTask } from '@whdb/service-kit';

export interface LogTrimmerOptions {
  readonly retention: LoggedWebhookRetention;
  /** 0 disables trimming. */
  readonly intervalMs: number;
  readonly onTrimmed?: (result: { truncated: number; deleted: number }) => void;
}

/**
 * Trims the audit log per SPEC 9.3 every `intervalMs`, first right after start-up
 * (docs/behaviour/audit-log.md#retention). Replicas take turns through an advisory lock; a failed
 * pass is logged and tried again at the next tick.
 */
export class LogTrimmerService extends PeriodicTask {
  constructor(
    private readonly database: Database,
    private readonly options: LogTrimmerOptions,
    logger: Logger,
  ) {
    super(options.intervalMs, logger, 'trimming the webhook audit log');
  }

  protected async runOnce(): Promise<void> {
    const result = await trimLoggedWebhooks(this.database, retentionCutoffs(this.options.retention, new Date()));
    if (result === null) return;
    this.options.onTrimmed?.(result);
    if (result.truncated + result.deleted > 0) this.logger.info('trimmed the webhook audit log', { ...result });
  }
}
