import { LoggedWebhookRecord } from '@whdb/persistence';

/** One delivery as the api shows it (docs/behaviour/audit-log.md#api). */
export interface LoggedWebhookView {
  readonly id: string;
  readonly event_id: string | null;
  readonly correlation_id: string | null;
  readonly inserted_at: string;
  readonly truncated_at: string | null;
  readonly service_integration_opaque_id: string;
  readonly request_method: string;
  readonly request_path: string;
  readonly request_headers: Record<string, string>;
  readonly request_body: string;
  readonly response_status: number;
  readonly rejected_reason: string | null;
  /** Accepted and not truncated yet. */
  readonly replayable: boolean;
}

export function isReplayable(record: LoggedWebhookRecord): boolean {
  return record.status < 400 && record.truncatedAt === null;
}

export function toLoggedWebhookView(record: LoggedWebhookRecord): LoggedWebhookView {
  return {
    id: record.id,
    event_id: record.eventId,
    correlation_id: record.correlationId,
    inserted_at: record.insertedAt.toISOString(),
    truncated_at: record.truncatedAt?.toISOString() ?? null,
    service_integration_opaque_id: record.opaqueId,
    request_method: record.method,
    request_path: record.path,
    request_headers: record.headers,
    request_body: record.body,
    response_status: record.status,
    rejected_reason: record.rejectedReason,
    replayable: isReplayable(record),
  };
}
