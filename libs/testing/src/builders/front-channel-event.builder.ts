import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';

const id = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

export interface FrontChannelMessageOptions {
  /** Raw handles of the `to` recipients, as Front sends them for an SMS channel (e.g. `9998887777`). */
  readonly to?: readonly string[];
  /** The channel's own handle (role `from`). */
  readonly from?: string;
  readonly cc?: readonly string[];
  readonly text?: string;
  /** Epoch seconds, may have a fraction; default now. */
  readonly createdAt?: number;
  readonly attachments?: readonly JsonObject[];
  readonly id?: string;
}

const recipient = (handle: string, role: string): JsonObject => ({ _links: { related: { contact: null } }, name: null, handle, role });

/**
 * The Front Message resource Front sends in a channel `message` event (PROVIDERS.md 1.1.1): a
 * teammate's reply, `created_at` in epoch seconds, `to` handles raw as typed in Front.
 */
export function buildFrontChannelMessage(options: FrontChannelMessageOptions = {}, host = 'acme.api.frontapp.com'): JsonObject {
  const messageId = options.id ?? id('msg');
  const text = options.text ?? 'Hello from Front';
  return {
    _links: { self: `https://${host}/messages/${messageId}`, related: { conversation: `https://${host}/conversations/cnv_1`, message_replied_to: null } },
    id: messageId,
    message_uid: randomBytes(6).toString('hex'),
    type: 'custom',
    is_inbound: false,
    draft_mode: null,
    error_type: null,
    version: null,
    created_at: options.createdAt ?? Date.now() / 1000,
    subject: null,
    blurb: text.slice(0, 50),
    author: { id: 'tea_1', email: 'agent@acme.example', first_name: 'Ada', last_name: 'Agent' },
    recipients: [
      recipient(options.from ?? '+15550001111', 'from'),
      ...(options.to ?? ['9998887777']).map((handle) => recipient(handle, 'to')),
      ...(options.cc ?? []).map((handle) => recipient(handle, 'cc')),
    ],
    body: `<p>${text}</p>`,
    text,
    attachments: [...(options.attachments ?? [])],
    metadata: { headers: {} },
  };
}

/** The body Front POSTs to a channel: `{type, payload}` (PROVIDERS.md 1.1). */
export function buildFrontChannelEvent(type: string, payload: JsonObject): JsonObject {
  return { type, payload };
}

/**
 * A `message_autoreply` payload as WebhookDB's fixture has it: no `id` of its own, the answered
 * message in `_links.related.message_replied_to`.
 */
export function buildFrontChannelAutoreply(repliedToId: string, options: Omit<FrontChannelMessageOptions, 'id'> = {}, host = 'acme.api.frontapp.com'): JsonObject {
  const message = buildFrontChannelMessage({ text: 'We are away until Monday.', ...options }, host);
  const { id: _id, ...rest } = message;
  return { ...rest, _links: { self: `https://${host}/messages/autoreply`, related: { message_replied_to: `https://${host}/messages/${repliedToId}` } } };
}
