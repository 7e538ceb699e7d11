import { JsonValue, normalizeHeaders, parseWebhookBody, WebhookRequest } from '@whdb/core';

/**
 * A delivery as ingress captures it and the projector decodes it: the exact raw text (a string
 * is taken as the raw body as is, anything else is JSON-encoded), lower-cased headers with a JSON content type unless one is given, and the
 * body parsed the way `parseWebhookBody` does.
 */
export function contractWebhookRequest(body: JsonValue | string, headers: Record<string, string> = {}, path = '/v1/service_integrations/svi_contract'): WebhookRequest {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  const normalized = { 'content-type': 'application/json', ...normalizeHeaders(headers) };
  const parsed = parseWebhookBody(rawBody, normalized['content-type']);
  if (!parsed.ok) throw new Error(`contract body does not parse: ${parsed.reason}`);
  return { method: 'POST', path, headers: normalized, rawBody, body: parsed.body };
}
