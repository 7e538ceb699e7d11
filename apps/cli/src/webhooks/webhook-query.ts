import { usageError } from '../errors/cli-error';
import { LoggedWebhookBody, LoggedWebhookFilters } from './logged-webhook';

/** Largest page `GET .../logged_webhooks` serves (docs/behaviour/audit-log.md#api). */
export const MAX_LIST_LIMIT = 200;

/** `--status`: the api filters on `accepted` (< 400) or `rejected` (>= 400). */
export function parseStatusFilter(status: string | undefined): LoggedWebhookFilters['status'] {
  if (status === undefined) return undefined;
  const value = status.trim().toLowerCase();
  if (value === 'accepted' || value === 'rejected') return value;
  throw usageError('--status must be accepted or rejected.');
}

/** A time filter: an ISO 8601 time, or a duration back from now (`30m`, `2h`, `7d`). */
export function parseTimeFilter(flag: string, text: string | undefined, nowMs: number): string | undefined {
  if (text === undefined) return undefined;
  const relative = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (relative) {
    const unit = { s: 1, m: 60, h: 3600, d: 86400 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(nowMs - Number(relative[1]) * unit * 1000).toISOString();
  }
  const parsed = Date.parse(text);
  if (!Number.isFinite(parsed)) throw usageError(`${flag} must be an ISO 8601 time (2026-12-02T10:00:00Z) or a duration back from now (30m, 2h, 7d).`);
  return new Date(parsed).toISOString();
}

export function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_LIST_LIMIT) throw usageError(`--limit must be a whole number from 1 to ${MAX_LIST_LIMIT}.`);
  return Number(text);
}

export function parseCursor(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,18}$/.test(text.trim())) throw usageError('--cursor must be the next page cursor printed by the previous page.');
  return text.trim();
}

/** The query of `GET .../logged_webhooks`, under the api's names (`/openapi.json`: ListLoggedWebhooksQuery). */
export function listQuery(filters: LoggedWebhookFilters): Record<string, string | number | undefined> {
  if (filters.since && filters.until && filters.since >= filters.until) throw usageError('--since must be before --until.');
  return {
    service_integration: filters.integration,
    status: filters.status,
    since: filters.since,
    until: filters.until,
    limit: filters.limit,
    cursor: filters.cursor,
  };
}

/** What the last column says: why a delivery was refused, or that retention emptied it. */
function note(item: LoggedWebhookBody): string {
  if (item.truncated_at) return 'truncated';
  return item.rejected_reason ?? '';
}

/** The table row of one delivery. */
export function webhookRow(item: LoggedWebhookBody): string[] {
  return [String(item.id), item.inserted_at, item.service_integration_opaque_id, item.request_method, item.request_path, String(item.response_status), note(item)];
}

export const WEBHOOK_TABLE_HEADERS = ['ID', 'RECEIVED', 'INTEGRATION', 'METHOD', 'PATH', 'STATUS', 'NOTE'];
