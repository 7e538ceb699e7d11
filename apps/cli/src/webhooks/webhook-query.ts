import { usageError } from '../errors/cli-error';
import { LoggedWebhookBody, LoggedWebhookFilters } from './logged-webhook';

/** `--status`: `accepted` (< 400), `rejected` (>= 400), or one HTTP status. */
export function parseStatusFilter(status: string | undefined): string | undefined {
  if (status === undefined) return undefined;
  const value = status.trim().toLowerCase();
  if (value === 'accepted' || value === 'rejected' || /^[1-5]\d\d$/.test(value)) return value;
  throw usageError('--status must be accepted, rejected or an HTTP status such as 401.');
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

export function parseLimit(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 1000) throw usageError('--limit must be a whole number from 1 to 1000.');
  return String(Number(text));
}

/** The list's query string parameters. */
export function listQuery(filters: LoggedWebhookFilters): Record<string, string | undefined> {
  return {
    service_integration_identifier: filters.integration,
    status: filters.status,
    after: filters.after,
    before: filters.before,
    limit: filters.limit,
    cursor: filters.cursor,
  };
}

/** The table row of one delivery. */
export function webhookRow(item: LoggedWebhookBody): string[] {
  return [
    item.id === undefined ? '' : String(item.id),
    item.inserted_at ?? '',
    item.service_integration_opaque_id ?? '',
    item.request_method ?? '',
    item.request_path ?? '',
    item.response_status === undefined ? '' : String(item.response_status),
    item.truncated_at ? 'truncated' : '',
  ];
}

export const WEBHOOK_TABLE_HEADERS = ['ID', 'RECEIVED', 'INTEGRATION', 'METHOD', 'PATH', 'STATUS', ''];
