import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';

const id = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

/** A Front Message resource (Front's `MessageResponse`): `created_at` in epoch seconds, may have a fraction. */
export function buildFrontMessage(overrides: JsonObject = {}, host = 'acme.api.frontapp.com'): JsonObject {
  const messageId = typeof overrides['id'] === 'string' ? overrides['id'] : id('msg');
  return {
    _links: { self: `https://${host}/messages/${messageId}`, related: { conversation: `https://${host}/conversations/cnv_1` } },
    id: messageId,
    message_uid: randomBytes(6).toString('hex'),
    type: 'email',
    is_inbound: true,
    draft_mode: null,
    error_type: null,
    version: null,
    created_at: 1714564800.123,
    subject: 'Hello',
    blurb: 'Hello there',
    author: null,
    recipients: [
      { _links: { related: { contact: null } }, name: 'Customer', handle: 'customer@example.com', role: 'from' },
      { _links: { related: { contact: null } }, name: 'Support', handle: 'support@acme.example', role: 'to' },
    ],
    body: '<p>Hello there</p>',
    text: 'Hello there',
    attachments: [],
    metadata: {},
    ...overrides,
  };
}

export interface FrontEventOptions {
  /** The company's API host: `payload._links.self` points there (routing, docs/replicators/front_message_v1.md#routing). */
  readonly host?: string;
  readonly conversationId?: string;
  /** The event type (`inbound`, `outbound`, `comment`, ...). */
  readonly type?: string;
  /** `payload.target._meta.type`; `message` for message events. */
  readonly targetType?: string;
  readonly companyId?: string;
}

/** The application-event envelope `{type, authorization, payload: <Event>}` Front POSTs, around `message`. */
export function buildFrontMessageEvent(message: JsonObject, options: FrontEventOptions = {}): JsonObject {
  const host = options.host ?? 'acme.api.frontapp.com';
  const eventId = id('evt');
  const type = options.type ?? 'inbound';
  return {
    type,
    authorization: { id: options.companyId ?? 'cmp_123' },
    payload: {
      _links: { self: `https://${host}/events/${eventId}` },
      id: eventId,
      type,
      emitted_at: 1714564801.5,
      conversation: { _links: { self: `https://${host}/conversations/${options.conversationId ?? 'cnv_1'}` }, id: options.conversationId ?? 'cnv_1', subject: 'Hello', status: 'unassigned' },
      source: { _meta: { type: 'inboxes' }, data: [] },
      target: { _meta: { type: options.targetType ?? 'message' }, data: message },
    },
  };
}
