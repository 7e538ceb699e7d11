import { frontSignature } from './front-app-webhook.signer';

export interface FrontChannelDeliveryOptions {
  /** `X-Front-Request-Timestamp` (default now, in milliseconds). */
  readonly timestamp?: string;
  readonly method?: 'POST' | 'DELETE';
  /** The `Authorization` header as sent; default `Bearer <apiKey>`. */
  readonly authorization?: string | null;
  /** Signs with this secret instead (a forged or stale delivery). */
  readonly signWith?: string;
}

/**
 * The headers Front sends to a channel (PROVIDERS.md 1.1, 1.2): the API key the customer pasted as
 * `Authorization: Bearer`, and Front's signature over `"<timestamp>:<raw body>"` with the channel
 * app secret (`"<ts>:undefined"` for a bodiless DELETE is accepted too).
 */
export function frontChannelHeaders(appSecret: string, apiKey: string, rawBody: string, options: FrontChannelDeliveryOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? String(Date.now());
  const authorization = options.authorization === undefined ? `Bearer ${apiKey}` : options.authorization;
  return {
    'content-type': 'application/json',
    'x-front-request-timestamp': timestamp,
    'x-front-signature': frontSignature(options.signWith ?? appSecret, timestamp, rawBody),
    ...(authorization === null ? {} : { authorization }),
  };
}

/** Sends a signed channel event to `url` as Front does; returns the status, headers and parsed JSON (or text). */
export async function sendFrontChannelEvent(
  url: string,
  appSecret: string,
  apiKey: string,
  body: unknown,
  options: FrontChannelDeliveryOptions = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const rawBody = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, { method: options.method ?? 'POST', headers: frontChannelHeaders(appSecret, apiKey, rawBody, options), body: rawBody === '' ? undefined : rawBody });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json, text };
}
