/**
 * How long the audit log keeps what (SPEC 9.3, docs/behaviour/audit-log.md#retention): rows of no
 * organization are deleted after `orphanDays`; accepted rows (< 400) lose their body and headers
 * ("truncated") after `acceptedTruncateDays`, rejected ones after `rejectedTruncateDays`; truncated
 * rows are deleted after `deleteDays`.
 */
export interface LoggedWebhookRetention {
  readonly orphanDays: number;
  readonly acceptedTruncateDays: number;
  readonly rejectedTruncateDays: number;
  readonly deleteDays: number;
}

export const DEFAULT_LOGGED_WEBHOOK_RETENTION: LoggedWebhookRetention = { orphanDays: 14, acceptedTruncateDays: 7, rejectedTruncateDays: 30, deleteDays: 90 };

/** The cutoffs of one trim run: rows received before each are trimmed. */
export interface RetentionCutoffs {
  readonly orphansBefore: Date;
  readonly acceptedTruncateBefore: Date;
  readonly rejectedTruncateBefore: Date;
  readonly deleteBefore: Date;
}

const DAY_MS = 86_400_000;

export function retentionCutoffs(retention: LoggedWebhookRetention, now: Date): RetentionCutoffs {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    orphansBefore: before(retention.orphanDays),
    acceptedTruncateBefore: before(retention.acceptedTruncateDays),
    rejectedTruncateBefore: before(retention.rejectedTruncateDays),
    deleteBefore: before(retention.deleteDays),
  };
}
