import { DEFAULT_LOGGED_WEBHOOK_RETENTION, LoggedWebhookRetention } from '@whdb/core';
import { commonConfigSchema, Config, defineConfig, int, port } from '@whdb/platform';

/** Environment of the webhook logger (docs/configuration.md#webhook-logger). */
export const webhookLoggerConfigSchema = defineConfig({
  ...commonConfigSchema,
  PROBE_PORT: port({ default: 18003 }),
  /** Most deliveries written in one INSERT. */
  WHDB_WEBHOOK_LOGGER_BATCH_SIZE: int({ default: 500, min: 1, max: 5000 }),
  WHDB_CONSUMER_SESSION_TIMEOUT_MS: int({ default: 30_000, min: 6000, max: 300_000 }),
  /** Truncated rows (and so every row) are deleted this many days after they were received (SPEC 9.3). */
  WHDB_LOGGED_WEBHOOK_RETENTION_DAYS: int({ default: DEFAULT_LOGGED_WEBHOOK_RETENTION.deleteDays, min: 1, max: 3650 }),
  /** Accepted deliveries lose body and headers after this many days. */
  WHDB_LOGGED_WEBHOOK_TRUNCATE_ACCEPTED_DAYS: int({ default: DEFAULT_LOGGED_WEBHOOK_RETENTION.acceptedTruncateDays, min: 0, max: 3650 }),
  /** Rejected deliveries lose body and headers after this many days. */
  WHDB_LOGGED_WEBHOOK_TRUNCATE_REJECTED_DAYS: int({ default: DEFAULT_LOGGED_WEBHOOK_RETENTION.rejectedTruncateDays, min: 0, max: 3650 }),
  /** Deliveries of no organization (unknown integration) are deleted after this many days. */
  WHDB_LOGGED_WEBHOOK_ORPHAN_DAYS: int({ default: DEFAULT_LOGGED_WEBHOOK_RETENTION.orphanDays, min: 0, max: 3650 }),
  /** How often the logger trims the log; 0 disables trimming. */
  WHDB_LOGGED_WEBHOOK_TRIM_INTERVAL_SECONDS: int({ default: 3600, min: 0, max: 604_800 }),
});

export type WebhookLoggerConfig = Config<typeof webhookLoggerConfigSchema>;

export function retentionOf(config: WebhookLoggerConfig): LoggedWebhookRetention {
  return {
    deleteDays: config.WHDB_LOGGED_WEBHOOK_RETENTION_DAYS,
    acceptedTruncateDays: config.WHDB_LOGGED_WEBHOOK_TRUNCATE_ACCEPTED_DAYS,
    rejectedTruncateDays: config.WHDB_LOGGED_WEBHOOK_TRUNCATE_REJECTED_DAYS,
    orphanDays: config.WHDB_LOGGED_WEBHOOK_ORPHAN_DAYS,
  };
}
