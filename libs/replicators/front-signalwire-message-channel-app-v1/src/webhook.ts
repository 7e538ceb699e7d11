import {
  FRONT_DEFAULT_TIMESTAMP_TOLERANCE_MS,
  IntegrationSettings,
  isJsonObject,
  ResourceAndEvent,
  ResourceShapeError,
  verifyFrontSignature,
  WebhookRequest,
  WebhookResponse,
  WebhookResponses,
} from '@whdb/core';
import { CHANNEL_SUPPORT_NUMBER_HEADER, channelMessageResources, isChannelEventType, isChannelMessageType } from './channel-event';
import { FRONT_SIGNALWIRE_CHANNEL_PATH } from './descriptor';

/**
 * The channel's signature (docs/behaviour/signatures.md#front, SPEC 11.2): Front's scheme keyed by
 * the channel app secret (`FRONT_SIGNALWIRE_CHANNEL_APP_SECRET`, global, not per integration),
 * compared in constant time, with the timestamp (seconds or milliseconds) within `toleranceMs`.
 * Success is 200 `{"o":"k"}`; a refusal a 401 with its reason.
 */
export function verifyChannelSignature(request: Pick<WebhookRequest, 'headers' | 'rawBody'>, appSecret: string, now: Date, toleranceMs = FRONT_DEFAULT_TIMESTAMP_TOLERANCE_MS): WebhookResponse {
  const check = verifyFrontSignature(request.headers, request.rawBody, appSecret, now, toleranceMs);
  return check.ok ? WebhookResponses.ok(200) : WebhookResponses.error(check.reason);
}

/**
 * On the generic endpoint: refused. Front calls the channel at its own endpoint, authenticated by
 * the integration's API key and signed with the app secret (docs/behaviour/channel.md#endpoint),
 * which this hook cannot see.
 */
export function verifyChannelWebhookOnGenericEndpoint(_request: WebhookRequest, _integration: IntegrationSettings, _now: Date): WebhookResponse {
  return WebhookResponses.error(`channel deliveries go to ${FRONT_SIGNALWIRE_CHANNEL_PATH}`);
}

/**
 * Resources of a delivery (docs/replicators/front_signalwire_message_channel_app_v1.md#resources):
 * - a complete row (it has `external_id`: a reconciler's `channel.resource`, an outbound sender's
 *   `delivery.result`, an api upsert) is stored as it is, never re-expanded per recipient (SPEC 17.4);
 * - a Front `message` / `message_autoreply` event, as the ingress publishes it with the support
 *   number header, gives one row per `to` recipient;
 * - any other channel event (`authorization`, `delete`, `message_imported`) stores nothing.
 */
export function channelResources(request: WebhookRequest): ResourceAndEvent[] | null {
  const body = request.body;
  if (!isJsonObject(body)) throw new ResourceShapeError('a channel delivery must be a JSON object');
  if ('external_id' in body) {
    if (typeof body['external_id'] !== 'string' || body['external_id'] === '') throw new ResourceShapeError("a channel row's 'external_id' must be a non-empty string");
    return [{ resource: body, event: null }];
  }
  const type = body['type'];
  if (!isChannelEventType(type) || !isChannelMessageType(type)) return null;
  const supportNumber = request.headers[CHANNEL_SUPPORT_NUMBER_HEADER];
  if (!supportNumber) throw new ResourceShapeError(`a Front channel message is accepted only at ${FRONT_SIGNALWIRE_CHANNEL_PATH}`);
  return channelMessageResources(type, body, supportNumber).map((resource) => ({ resource, event: null }));
}
