import {
  constantTimeEquals,
  hmacSha256Hex,
  IntegrationSettings,
  isJsonObject,
  JsonValue,
  ResourceAndEvent,
  ResourceShapeError,
  WebhookRequest,
  WebhookResponse,
  WebhookResponses,
} from '@whdb/core';

/**
 * TODO(provider): the header the provider signs deliveries with. Headers arrive lower-cased.
 * The scheme below is `X-Front SignalWire-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(webhook secret,
 * "<t>.<raw body>")>`, several `v1` allowed (during a secret rotation): see
 * docs/adding-a-replicator.md, "Verify the webhook".
 */
export const FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SIGNATURE_HEADER = 'x-front-signature';
/** TODO(provider): the tolerance the provider documents for the signed timestamp. */
export const FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

interface SignatureHeader {
  readonly timestamp: string | null;
  readonly signatures: readonly string[];
}

/** `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`; other keys (v0, ...) are ignored. */
function parseSignatureHeader(header: string): SignatureHeader {
  let timestamp: string | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = value;
    else if (key === 'v1' && value !== '') signatures.push(value.toLowerCase());
  }
  return { timestamp, signatures };
}

/**
 * Verifies a delivery against its raw bytes with the integration's webhook secret. Rejections are
 * values (401 with a reason), never exceptions. Until a secret is set every delivery is refused:
 * an empty HMAC key would be forgeable.
 */
export function verifyFrontSignalwireMessageChannelAppV1Webhook(request: WebhookRequest, integration: IntegrationSettings, now: Date): WebhookResponse {
  const header = request.headers[FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SIGNATURE_HEADER];
  if (header === undefined || header.trim() === '') return WebhookResponses.error('missing signature');
  if (integration.webhookSecret === '') return WebhookResponses.error('webhook secret not configured');
  const { timestamp, signatures } = parseSignatureHeader(header);
  if (timestamp === null) return WebhookResponses.error('missing timestamp');
  if (signatures.length === 0) return WebhookResponses.error('missing signatures');
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SIGNATURE_TOLERANCE_MS) return WebhookResponses.error('timestamp outside tolerance');
  const expected = hmacSha256Hex(integration.webhookSecret, `${timestamp}.${request.rawBody}`);
  // Compare with every candidate, in constant time, so timing reveals neither which one matched nor where.
  const matched = signatures.map((candidate) => constantTimeEquals(candidate, expected)).some(Boolean);
  return matched ? WebhookResponses.ok() : WebhookResponses.error('invalid signature');
}

/** TODO(provider): how the provider's ids of this resource look (here `signalwire_message_channel_app_...`). */
function isFrontSignalwireMessageChannelAppV1Id(id: JsonValue | undefined): boolean {
  return typeof id === 'string' && id.startsWith('signalwire_message_channel_app_');
}

/**
 * A body is the bare signalwire_message_channel_app, or an event `{id, type: "signalwire_message_channel_app.<action>", created_at, data: <signalwire_message_channel_app>}`.
 * Events about other objects, and bare objects that are not signalwire_message_channel_apps, are ignored (202, no row);
 * a body that is not a JSON object, or a signalwire_message_channel_app event without its object, is malformed.
 * TODO(provider): follow the provider's event envelope; the stored `data` is always the bare resource.
 */
export function frontSignalwireMessageChannelAppV1Resources(request: WebhookRequest): ResourceAndEvent[] | null {
  const body = request.body;
  if (!isJsonObject(body)) throw new ResourceShapeError('Front SignalWire webhook bodies must be JSON objects');
  const type = body['type'];
  if (typeof type === 'string' && 'data' in body) {
    if (!type.startsWith('signalwire_message_channel_app.')) return null;
    const resource = body['data'];
    if (!isJsonObject(resource)) throw new ResourceShapeError(`Front SignalWire ${type} events must carry the signalwire_message_channel_app in 'data'`);
    return isFrontSignalwireMessageChannelAppV1Id(resource['id']) ? [{ resource, event: body }] : null;
  }
  return isFrontSignalwireMessageChannelAppV1Id(body['id']) ? [{ resource: body, event: null }] : null;
}
