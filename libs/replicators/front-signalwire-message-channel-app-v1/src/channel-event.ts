import { formatE164, isJsonObject, JsonObject, ResourceShapeError } from '@whdb/core';

/** The `type`s Front sends to a channel (docs/behaviour/channel.md#endpoint); anything else is a 400. */
export const CHANNEL_EVENT_TYPES = ['authorization', 'delete', 'message', 'message_autoreply', 'message_imported'] as const;
export type ChannelEventType = (typeof CHANNEL_EVENT_TYPES)[number];

/** The two types that become rows: one per `to` recipient. */
export type ChannelMessageType = Extract<ChannelEventType, 'message' | 'message_autoreply'>;

/**
 * Set by the ingress on a `message` delivery it publishes, from the integration the API key
 * resolved to: the E.164 support number every row of the delivery is sent from. Any header of that
 * name coming from outside is replaced (docs/behaviour/channel.md#message).
 */
export const CHANNEL_SUPPORT_NUMBER_HEADER = 'whdb-channel-support-number';

export interface ChannelEvent {
  readonly type: ChannelEventType;
  /** The whole body `{type, payload, ...}`. */
  readonly body: JsonObject;
  readonly payload: JsonObject;
}

export type ChannelEventParse = { readonly ok: true; readonly event: ChannelEvent } | { readonly ok: false; readonly reason: string };

export function isChannelEventType(value: unknown): value is ChannelEventType {
  return typeof value === 'string' && (CHANNEL_EVENT_TYPES as readonly string[]).includes(value);
}

export function isChannelMessageType(type: ChannelEventType): type is ChannelMessageType {
  return type === 'message' || type === 'message_autoreply';
}

/**
 * Param validation of a channel delivery (docs/behaviour/channel.md#endpoint): a JSON object whose
 * `type` is one of `CHANNEL_EVENT_TYPES`; `payload` defaults to `{}`. A bodiless `DELETE` (Front
 * may sign one over `"<ts>:undefined"`) is the `delete` event.
 */
export function parseChannelEvent(method: string, body: unknown): ChannelEventParse {
  if (!isJsonObject(body)) return { ok: false, reason: 'a channel event must be a JSON object' };
  const type = body['type'] ?? (method === 'DELETE' && Object.keys(body).length === 0 ? 'delete' : undefined);
  if (!isChannelEventType(type)) {
    return { ok: false, reason: `type must be one of ${CHANNEL_EVENT_TYPES.join(', ')}` };
  }
  const payload = body['payload'] ?? {};
  if (!isJsonObject(payload)) return { ok: false, reason: 'payload must be a JSON object' };
  return { ok: true, event: { type, body, payload } };
}

/** `<last path segment of payload._links.related.message_replied_to>_autoreply`, or the message's `id`. */
function frontMessageIdOf(type: ChannelMessageType, payload: JsonObject): string {
  if (type === 'message') {
    const id = payload['id'];
    if (typeof id !== 'string' || id.trim() === '') throw new ResourceShapeError("a Front message must carry its 'id'");
    return id;
  }
  const links = payload['_links'];
  const related = isJsonObject(links) ? links['related'] : undefined;
  const repliedTo = isJsonObject(related) ? related['message_replied_to'] : undefined;
  const segment = typeof repliedTo === 'string' ? repliedTo.replace(/\/+$/, '').split('/').pop() : undefined;
  if (!segment) throw new ResourceShapeError("an autoreply must name the message it answers in '_links.related.message_replied_to'");
  return `${segment}_autoreply`;
}

/** The E.164 handles of the `to` recipients, in order, without repeats; other roles are ignored. */
function toRecipients(payload: JsonObject): string[] {
  const recipients = payload['recipients'];
  if (!Array.isArray(recipients)) throw new ResourceShapeError("a Front message must list its 'recipients'");
  const handles: string[] = [];
  for (const recipient of recipients) {
    if (!isJsonObject(recipient) || recipient['role'] !== 'to') continue;
    const raw = recipient['handle'];
    const handle = typeof raw === 'string' ? formatE164(raw) : null;
    if (handle === null) throw new ResourceShapeError(`the 'to' recipient ${JSON.stringify(String(raw ?? '')).slice(0, 40)} is not a phone number`);
    if (!handles.includes(handle)) handles.push(handle);
  }
  if (handles.length === 0) throw new ResourceShapeError("a Front message must have at least one 'to' recipient");
  return handles;
}

/**
 * One row per `to` recipient (docs/behaviour/channel.md#message, SPEC 15.3): the whole body plus
 * `front_message_id`, `direction: outbound`, `body` (the plain text), `sender` (the support
 * number), `recipient`, `external_id = <front_message_id>-<recipient>` and
 * `external_conversation_id = <recipient>`: each customer is their own conversation (no group SMS).
 * Deterministic, so the ingress answers from the payload alone and a duplicate delivery builds the
 * same rows. Throws `ResourceShapeError` for a body it cannot use (a 400 at the edge).
 */
export function channelMessageResources(type: ChannelMessageType, body: JsonObject, supportNumber: string): JsonObject[] {
  const payload = body['payload'];
  if (!isJsonObject(payload)) throw new ResourceShapeError("a channel message must carry the message in 'payload'");
  const sender = formatE164(supportNumber);
  if (sender === null) throw new ResourceShapeError('the channel has no usable support phone number');
  const frontMessageId = frontMessageIdOf(type, payload);
  const text = payload['text'];
  return toRecipients(payload).map((recipient) => ({
    ...body,
    front_message_id: frontMessageId,
    direction: 'outbound',
    body: typeof text === 'string' ? text : null,
    sender,
    recipient,
    external_id: `${frontMessageId}-${recipient}`,
    external_conversation_id: recipient,
  }));
}

/** Front's success answer to a message: the rows' ids and conversations, comma-joined (SPEC 15.3). */
export function channelMessageAnswer(resources: readonly JsonObject[]): { type: 'success'; external_id: string; external_conversation_id: string } {
  return {
    type: 'success',
    external_id: resources.map((r) => String(r['external_id'])).join(','),
    external_conversation_id: resources.map((r) => String(r['external_conversation_id'])).join(','),
  };
}
