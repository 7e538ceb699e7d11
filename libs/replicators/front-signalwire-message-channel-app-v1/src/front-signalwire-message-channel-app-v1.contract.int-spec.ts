import { JsonObject } from '@whdb/core';
import {
  frontSignalwireMessageChannelAppV1SignatureHeader,
  buildFrontSignalwireMessageChannelAppV1,
  buildFrontSignalwireMessageChannelAppV1Event,
  FakeFrontSignalwireMessageChannelAppV1Api,
  itAcceptsMinimalBodies,
  itAppliesSameSecondUpdates,
  itBehavesLikeAReplicator,
  itCanBackfill,
  itHandlesResourcesAndWrappedEvents,
  itPreventsOverwritingNewDataWithOld,
  itUpsertsOnlyUnderSpecificConditions,
  itVerifiesBackfillSecrets,
} from '@whdb/testing';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';
import { FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SIGNATURE_HEADER } from './webhook';

// The shared replicator contract (libs/testing/src/contract; docs/adding-a-replicator.md, "What
// the contract suite checks"), against real Postgres and, for backfills, a fake Front SignalWire API.

const API_KEY = 'test_api_key';
const WEBHOOK_SECRET = 'whsec_contract';
const ITEMS = 5;
const PAGE_SIZE = 2;

/** A fake Front SignalWire API holding `count` signalwire_message_channel_apps, serving `PAGE_SIZE` per page. */
function fakeFrontSignalwireMessageChannelAppV1(count: number): () => Promise<FakeFrontSignalwireMessageChannelAppV1Api> {
  return () => new FakeFrontSignalwireMessageChannelAppV1Api({ apiKey: API_KEY, maxPageSize: PAGE_SIZE }).add(...Array.from({ length: count }, () => buildFrontSignalwireMessageChannelAppV1())).start();
}

const signed = (body: JsonObject) => ({ [FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SIGNATURE_HEADER]: frontSignalwireMessageChannelAppV1SignatureHeader(JSON.stringify(body), WEBHOOK_SECRET) });

const resource = buildFrontSignalwireMessageChannelAppV1({ name: 'Contract', status: 'active', amount: 4200, updated_at: '2024-02-01T00:00:00Z' });
const event = buildFrontSignalwireMessageChannelAppV1Event(resource, 'signalwire_message_channel_app.created');

itBehavesLikeAReplicator(replicator, {
  body: event,
  headers: signed(event),
  integration: { webhookSecret: WEBHOOK_SECRET },
  expectedData: resource,
  expectedRow: {
    front_id: resource['id'],
    name: 'Contract',
    status: 'active',
    amount: '4200',
    created_at: new Date('2024-01-01T00:00:00Z'),
    updated_at: new Date('2024-02-01T00:00:00Z'),
  },
});

const newer = { ...resource, status: 'archived', updated_at: '2024-03-01T00:00:00Z' };
itPreventsOverwritingNewDataWithOld(replicator, {
  oldBody: buildFrontSignalwireMessageChannelAppV1Event(resource),
  newBody: buildFrontSignalwireMessageChannelAppV1Event(newer),
  expectedOldData: resource,
  expectedNewData: newer,
});

// Same updated_at, different data: the later delivery wins; its replay changes nothing.
const tied = { ...resource, status: 'paused' };
itAppliesSameSecondUpdates(replicator, {
  body: buildFrontSignalwireMessageChannelAppV1Event(resource),
  tiedBody: buildFrontSignalwireMessageChannelAppV1Event(tied),
  expectedData: resource,
  expectedTiedData: tied,
});

itAcceptsMinimalBodies(replicator, {
  bodies: [{ id: 'signalwire_message_channel_app_minimal_bare' }, { type: 'signalwire_message_channel_app.created', data: { id: 'signalwire_message_channel_app_minimal_wrapped' } }],
});

itHandlesResourcesAndWrappedEvents(replicator, { resource, envelope: event });

itUpsertsOnlyUnderSpecificConditions(replicator, {
  incorrectBodies: [{ id: 'other_123' }, buildFrontSignalwireMessageChannelAppV1Event({ id: 'other_456' }, 'other.updated'), { name: 'no id at all' }],
});

itCanBackfill(replicator, {
  fake: fakeFrontSignalwireMessageChannelAppV1(ITEMS),
  emptyFake: fakeFrontSignalwireMessageChannelAppV1(0),
  settings: (fake) => ({ apiUrl: fake.url, backfillKey: API_KEY }),
  expectedItemsCount: ITEMS,
  expectedPageRequests: Math.ceil(ITEMS / PAGE_SIZE),
  errorReply: { status: 400, body: { error: { status: 400, message: 'invalid limit or cursor' } } },
  pagePathPrefix: '/signalwire_message_channel_apps',
});

itVerifiesBackfillSecrets(replicator, {
  fake: fakeFrontSignalwireMessageChannelAppV1(1),
  correctSettings: (fake) => ({ apiUrl: fake.url, backfillKey: API_KEY }),
  incorrectSettings: (fake) => ({ apiUrl: fake.url, backfillKey: 'not-the-key' }),
});
