import { constantTimeEquals, hmacSha256Base64 } from './signatures';

/** Front's recommendation: refuse requests older (or newer) than 5 minutes (docs/behaviour/signatures.md#front). */
export const FRONT_DEFAULT_TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

export const FRONT_SIGNATURE_HEADER = 'x-front-signature';
export const FRONT_TIMESTAMP_HEADER = 'x-front-request-timestamp';
export const FRONT_CHALLENGE_HEADER = 'x-front-challenge';

export type FrontSignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing signature' | 'missing timestamp' | 'invalid signature' | 'stale timestamp' | 'secret not configured' };

/** Epoch milliseconds of a Front timestamp header, which may be seconds or milliseconds; null when unparseable. */
export function frontTimestampMs(header: string | undefined): number | null {
  if (header === undefined || !/^\d{1,16}(\.\d{1,6})?$/.test(header.trim())) return null;
  const value = Number(header.trim());
  // 1e11 s is the year 5138 and 1e11 ms is 1973: anything larger is milliseconds.
  return value >= 1e11 ? value : value * 1000;
}

/**
 * Front's application and channel webhook signature (docs/behaviour/signatures.md#front):
 * `X-Front-Signature = base64(HMAC-SHA256(secret, "<X-Front-Request-Timestamp>:<raw body>"))`,
 * compared in constant time; a bodiless request may be signed over `"<ts>:undefined"`. Beyond
 * WebhookDB the timestamp must be present and within `toleranceMs` of `now`, in seconds or
 * milliseconds. Checked in this order: signature header, timestamp header, signature, freshness
 * (so only a genuine request learns it is stale). Headers have lower-cased names.
 */
export function verifyFrontSignature(
  headers: Readonly<Record<string, string>>,
  rawBody: string,
  secret: string,
  now: Date,
  toleranceMs: number = FRONT_DEFAULT_TIMESTAMP_TOLERANCE_MS,
): FrontSignatureCheck {
  const signature = headers[FRONT_SIGNATURE_HEADER]?.trim();
  if (!signature) return { ok: false, reason: 'missing signature' };
  if (secret === '') return { ok: false, reason: 'secret not configured' };
  const timestamp = headers[FRONT_TIMESTAMP_HEADER];
  const timestampMs = frontTimestampMs(timestamp);
  if (timestamp === undefined || timestampMs === null) return { ok: false, reason: 'missing timestamp' };
  const bases = rawBody === '' ? [`${timestamp}:`, `${timestamp}:undefined`] : [`${timestamp}:${rawBody}`];
  const matched = bases.map((base) => constantTimeEquals(signature, hmacSha256Base64(secret, base))).some(Boolean);
  if (!matched) return { ok: false, reason: 'invalid signature' };
  if (Math.abs(now.getTime() - timestampMs) > toleranceMs) return { ok: false, reason: 'stale timestamp' };
  return { ok: true };
}
