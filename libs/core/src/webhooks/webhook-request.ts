/**
 * A delivery as the ingress received it. `rawBody` is the exact text received (signatures are
 * computed over it); `headers` have lower-cased keys.
 */
export interface WebhookRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** Parsed JSON for JSON content types, otherwise the raw string; an empty body is `{}`. */
  readonly body: unknown;
}

/** Lower-cases header names and joins repeated values with ", " (as HTTP allows). */
export function normalizeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || mime.endsWith('+json') || mime === 'text/json';
}

export type ParsedBody = { ok: true; body: unknown } | { ok: false; reason: string };

/**
 * Parses a body the way WebhookDB does: JSON for JSON content types (no content type counts as
 * JSON), the raw string otherwise; an empty body is `{}`. Malformed JSON is a value, not a throw.
 */
export function parseWebhookBody(rawBody: string, contentType: string | undefined): ParsedBody {
  if (rawBody.trim() === '') return { ok: true, body: {} };
  if (!isJsonContentType(contentType)) return { ok: true, body: rawBody };
  try {
    return { ok: true, body: JSON.parse(rawBody) as unknown };
  } catch (error) {
    // The parser's message quotes the body; only where it broke is kept (no body text in reasons).
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    return { ok: false, reason: position === undefined ? 'malformed JSON body' : `malformed JSON body (at position ${position})` };
  }
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'whdb-webhook-secret']);

/**
 * Headers as they may be stored (Kafka events, the webhook audit log): credentials a provider
 * sends to authenticate itself (Basic auth carrying the webhook secret, API keys) are replaced,
 * so a secret never lands at rest in clear. Signatures are kept: they prove nothing without the key.
 */
export function headersForStorage(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = CREDENTIAL_HEADERS.has(name) ? '[redacted]' : value;
  return out;
}
