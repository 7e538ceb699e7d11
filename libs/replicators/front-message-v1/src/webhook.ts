import {
  IntegrationSettings,
  isJsonObject,
  ResourceAndEvent,
  ResourceShapeError,
  verifyFrontSignature,
  WebhookRequest,
  WebhookResponse,
  WebhookResponses,
} from '@whdb/core';

/**
 * Front's signature scheme (docs/behaviour/signatures.md#front) on the generic endpoint, keyed by
 * the integration's `webhook_secret` (a dedicated Front app); the shared endpoint
 * `/v1/install/front/webhook` checks the same scheme with `FRONT_APP_SECRET`. Success is 200, as
 * Front expects.
 */
export function verifyFrontMessageWebhook(request: WebhookRequest, integration: IntegrationSettings, now: Date): WebhookResponse {
  const check = verifyFrontSignature(request.headers, request.rawBody, integration.webhookSecret, now);
  return check.ok ? WebhookResponses.ok(200) : WebhookResponses.error(check.reason);
}

function isFrontMessage(value: unknown): boolean {
  return isJsonObject(value) && typeof value['id'] === 'string' && value['id'].startsWith('msg_');
}

/**
 * docs/replicators/front_message_v1.md#events: an application event `{type, authorization,
 * payload}` (or its bare `payload`) whose `target._meta.type` is `message` yields the message at
 * `payload.target.data`, with the payload as its event; a bare Message (`msg_...`) is taken as is.
 * Other events (conversations, the `sync` handshake) are not for this table (null).
 */
export function frontMessageResources(request: WebhookRequest): ResourceAndEvent[] | null {
  const body = request.body;
  if (!isJsonObject(body)) throw new ResourceShapeError('a Front webhook body must be a JSON object');
  const payload = isJsonObject(body['payload']) ? body['payload'] : isJsonObject(body['target']) ? body : null;
  if (payload === null) return isFrontMessage(body) ? [{ resource: body, event: null }] : null;
  const target = payload['target'];
  if (!isJsonObject(target) || !isJsonObject(target['_meta']) || target['_meta']['type'] !== 'message') return null;
  const message = target['data'];
  if (!isJsonObject(message)) throw new ResourceShapeError("a Front message event must carry the message in 'payload.target.data'");
  return [{ resource: message, event: payload }];
}
