import { constantTimeEquals, hmacSha256Hex, WebhookResponse, WebhookResponses } from '@whdb/core';

const PREFIX = 'sha256=';

/**
 * The "Build a Replicator" guide's scheme: `X-Bank-Webhook-Signature: sha256=<hex HMAC-SHA256(secret,
 * raw body)>`, compared in constant time.
 */
export function verifyBankSignature(header: string, rawBody: string, secret: string): WebhookResponse {
  const expected = PREFIX + hmacSha256Hex(secret, rawBody);
  return constantTimeEquals(header.trim().toLowerCase(), expected) ? WebhookResponses.ok() : WebhookResponses.error('invalid hmac');
}

export function signBankWebhook(rawBody: string, secret: string): string {
  return PREFIX + hmacSha256Hex(secret, rawBody);
}
