import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { LoggedWebhookRetention, Logger, retentionCutoffs } from '@whdb/core';
import { Database, trimLoggedWebhooks } from '@whdb/persistence';

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
export class LogTrimmerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly options: LogTrimmerOptions,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.intervalMs <= 0) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass, unless one is still running. */
  private tick(): void {
    if (this.running) return;
    this.running = this.trim().finally(() => (this.running = undefined));
  }

  private async trim(): Promise<void> {
    try {
      const result = await trimLoggedWebhooks(this.database, retentionCutoffs(this.options.retention, new Date()));
      if (result === null) return;
      this.options.onTrimmed?.(result);
      if (result.truncated + result.deleted > 0) this.logger.info('trimmed the webhook audit log', { ...result });
    } catch (error) {
      this.logger.warn('trimming the webhook audit log failed; trying again later', { error });
    }
  }
}
