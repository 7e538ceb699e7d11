import { constantTimeEquals, hmacSha256Hex, WebhookResponse, WebhookResponses } from '@whdb/core';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_AGE_MS = 35 * DAY_MS;
const MAX_SKEW_AHEAD_MS = 4 * DAY_MS;

interface ParsedSignatureHeader {
  readonly timestamp: string | null;
  readonly signatures: readonly string[];
}

/** `t=<RFC 3339>,v1=<hex>[,v1=<hex>...]`; other keys (v0, v2, ...) are ignored. */
function parseHeader(header: string): ParsedSignatureHeader {
  let timestamp: string | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') timestamp = value;
    else if (key === 'v1' && value !== '') signatures.push(value.toLowerCase());
  }
  return { timestamp, signatures };
}

/**
 * Increase's real scheme (docs/behaviour/signatures.md#increase-webhook-signature): HMAC-SHA256
 * over `<t>.<raw body>`, hex, any of several v1 values may match; `t` within [now - 35 days, now +
 * 4 days]. Compares in constant time against the raw `t` text (identical to WebhookDB for canonical
 * timestamps).
 */
export function verifyIncreaseSignature(header: string | undefined, rawBody: string, secret: string, now: Date): WebhookResponse {
  if (header === undefined || header.trim() === '') return WebhookResponses.error('missing header');
  const { timestamp, signatures } = parseHeader(header);
  const signedAt = timestamp === null ? Number.NaN : Date.parse(timestamp);
  if (timestamp === null || Number.isNaN(signedAt)) return WebhookResponses.error('missing timestamp');
  if (signatures.length === 0) return WebhookResponses.error('missing signatures');
  if (signedAt < now.getTime() - MAX_AGE_MS) return WebhookResponses.error('too old');
  if (signedAt > now.getTime() + MAX_SKEW_AHEAD_MS) return WebhookResponses.error('too new');
  const expected = hmacSha256Hex(secret, `${timestamp}.${rawBody}`);
  // Check every candidate so timing does not reveal which one matched.
  const matched = signatures.map((candidate) => constantTimeEquals(candidate, expected)).some(Boolean);
  return matched ? WebhookResponses.ok() : WebhookResponses.error('invalid signature');
}

/** Builds a valid header (for fakes, tests and benchmarks). */
export function signIncreaseWebhook(rawBody: string, secret: string, at: Date = new Date()): string {
  const timestamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `t=${timestamp},v1=${hmacSha256Hex(secret, `${timestamp}.${rawBody}`)}`;
}
