import {
  constantTimeEquals,
  IntegrationSettings,
  isJsonObject,
  ResourceAndEvent,
  ResourceShapeError,
  WebhookRequest,
  WebhookResponse,
  WebhookResponses,
} from '@whdb/core';

const CHALLENGE_HEADERS = { 'www-authenticate': 'Basic realm="Webhookdb"' };

/**
 * Basic auth on the generic endpoint (docs/replicators/signalwire_message_v1.md#webhooks): the
 * decoded `user:pass` must equal the integration's `webhook_secret` exactly (constant time). No
 * or non-Basic credentials: 401 with a `WWW-Authenticate` challenge; wrong ones: 401 without.
 * Accepted: 202 `text/xml` `<Response></Response>`, the cXML answer SignalWire expects. Until a
 * secret is set every delivery is refused.
 */
export function verifySignalwireMessageWebhook(request: WebhookRequest, integration: IntegrationSettings, _now: Date): WebhookResponse {
  const header = request.headers['authorization'] ?? '';
  const match = /^Basic\s+(\S*)\s*$/i.exec(header);
  if (!match) return WebhookResponses.custom(401, 'text/plain', '', CHALLENGE_HEADERS, 'challenge');
  const credentials = Buffer.from(match[1]!, 'base64').toString('utf8');
  if (integration.webhookSecret === '' || !constantTimeEquals(credentials, integration.webhookSecret)) {
    return WebhookResponses.custom(401, 'text/plain', '', {}, 'invalid');
  }
  return WebhookResponses.custom(202, 'text/xml', '<Response></Response>');
}

/**
 * A webhook body is one message resource as the list endpoint returns it (JSON with its `sid`),
 * as WebhookDB upserts it. Anything else (a form-encoded status callback, a JSON object without
 * a `sid`) is refused with a 400 rather than acknowledged and dropped: the incremental poll
 * delivers every message (docs/replicators/signalwire_message_v1.md#webhooks).
 */
export function signalwireMessageResources(request: WebhookRequest): ResourceAndEvent[] {
  const body = request.body;
  if (!isJsonObject(body)) throw new ResourceShapeError('a SignalWire webhook body must be a JSON message resource (form-encoded callbacks are not stored; the poll picks the message up)');
  if (typeof body['sid'] !== 'string' || body['sid'] === '') throw new ResourceShapeError("a SignalWire message must carry its 'sid'");
  return [{ resource: body, event: null }];
}
