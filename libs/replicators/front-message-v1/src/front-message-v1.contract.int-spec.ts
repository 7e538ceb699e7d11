import { JsonObject } from '@whdb/core';
import {
  buildFrontMessage,
  buildFrontMessageEvent,
  frontAppWebhookHeaders,
  itAcceptsMinimalBodies,
  itAppliesSameSecondUpdates,
  itBehavesLikeAReplicator,
  itHandlesResourcesAndWrappedEvents,
  itStoresEveryRowItPrepares,
  itUpsertsOnlyUnderSpecificConditions,
} from '@whdb/testing';
import { frontMessageV1Replicator as replicator } from './front-message-v1.replicator';

// The shared replicator contract (libs/testing/src/contract) on real Postgres
// (docs/replicators/front_message_v1.md). Webhooks only: no backfill groups.

const SECRET = 'front-app-secret';
const message = buildFrontMessage({ type: 'sms', created_at: 1714564800 });
const event = buildFrontMessageEvent(message, { conversationId: 'cnv_contract' });
const signed = (body: JsonObject) => frontAppWebhookHeaders(SECRET, JSON.stringify(body));

itBehavesLikeAReplicator(replicator, {
  body: event,
  headers: signed(event),
  integration: { webhookSecret: SECRET },
  expectedData: message,
  expectedRow: { front_id: message['id'], type: 'sms', front_conversation_id: 'cnv_contract', created_at: new Date('2024-05-01T12:00:00Z') },
});

// Front messages have no update time ("data differs", as in WebhookDB): there is no older or newer
// to protect, so "prevents overwriting new data with old" does not apply; a changed delivery wins
// and an identical replay changes nothing.
itAppliesSameSecondUpdates(replicator, {
  body: buildFrontMessageEvent(message),
  tiedBody: buildFrontMessageEvent({ ...message, is_inbound: false }),
  expectedData: message,
  expectedTiedData: { ...message, is_inbound: false },
});

itAcceptsMinimalBodies(replicator, { bodies: [{ id: 'msg_min1' }, { payload: { _links: { self: 'https://a.api.frontapp.com/e' }, conversation: { id: 'cnv_1' }, target: { _meta: { type: 'message' }, data: { id: 'msg_min2' } } } }] });

itHandlesResourcesAndWrappedEvents(replicator, { resource: message, envelope: event });

itStoresEveryRowItPrepares(replicator, { resource: message, wrap: (resource) => buildFrontMessageEvent(resource), numRuns: 200 });

itUpsertsOnlyUnderSpecificConditions(replicator, {
  incorrectBodies: [buildFrontMessageEvent({ id: 'cnv_1' }, { targetType: 'conversation' }), { type: 'sync', authorization: { id: 'cmp_1' } }, { id: 'tea_1' }],
});
