import { createHmac } from 'node:crypto';

/**
 * Front's application-webhook signature, written from Front's documentation independently of our
 * verifier (docs/behaviour/signatures.md#front): `base64(HMAC-SHA256(app secret, "<timestamp>:<raw body>"))`.
 */
export function frontSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}:${rawBody}`, 'utf8').digest('base64');
}

export interface FrontDeliveryOptions {
  /** `X-Front-Request-Timestamp` as Front sends it: milliseconds (default now). */
  readonly timestamp?: string;
  /** Set for the validation handshake (`X-Front-Challenge`). */
  readonly challenge?: string;
}

/** The headers Front sends with an application event signed with `secret`. */
export function frontAppWebhookHeaders(secret: string, rawBody: string, options: FrontDeliveryOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? String(Date.now());
  return {
    'content-type': 'application/json',
    'x-front-request-timestamp': timestamp,
    'x-front-signature': frontSignature(secret, timestamp, rawBody),
    ...(options.challenge === undefined ? {} : { 'x-front-challenge': options.challenge }),
  };
}

/** POSTs a signed Front application event to `url` (e.g. `<ingress>/v1/install/front/webhook`), as Front does. */
export async function sendFrontAppEvent(url: string, secret: string, body: unknown, options: FrontDeliveryOptions = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, { method: 'POST', headers: frontAppWebhookHeaders(secret, rawBody, options), body: rawBody });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
