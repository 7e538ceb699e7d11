import { formatE164, isJsonObject, JsonObject } from '@whdb/core';

/** Columns of a stored row that are not part of its upsert body (SPEC 15.5). */
const NOT_IN_BODY = new Set(['pk', 'row_updated_at', 'data']);

/**
 * A stored channel row (as a row-change event's `after` or `to_jsonb(row)` gives it) rebuilt into
 * its complete upsert body (SPEC 15.5): the columns minus `pk` and `row_updated_at`, with the keys
 * of `data` spread on top. Upserting it (with one id added) completes the row.
 */
export function channelRowBody(stored: JsonObject): JsonObject {
  const columns: JsonObject = {};
  for (const [name, value] of Object.entries(stored)) if (!NOT_IN_BODY.has(name)) columns[name] = value;
  const data = stored['data'];
  return isJsonObject(data) ? { ...columns, ...data } : columns;
}

export function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** E.164 when the value is a phone number, else as it is (SPEC 15.5: sender and recipient are formatted). */
export function e164OrSelf(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  return formatE164(text) ?? text;
}

/**
 * When the message happened, in epoch ms, or null when the row does not say: an SMS row's
 * SignalWire `date_created` (RFC 2822), a Front row's `payload.created_at` (epoch seconds, may
 * have a fraction).
 */
export function messageTimeMs(body: JsonObject, origin: 'sms' | 'front'): number | null {
  if (origin === 'sms') {
    const parsed = typeof body['date_created'] === 'string' ? Date.parse(body['date_created']) : NaN;
    return Number.isNaN(parsed) ? null : parsed;
  }
  const payload = body['payload'];
  const created = isJsonObject(payload) ? payload['created_at'] : undefined;
  return typeof created === 'number' && Number.isFinite(created) ? Math.round(created * 1000) : null;
}
