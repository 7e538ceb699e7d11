import { JsonObject } from '@whdb/core';
import {
  signalwireMessageV1SignatureHeader,
  buildSignalwireMessageV1,
  buildSignalwireMessageV1Event,
  FakeSignalwireMessageV1Api,
  itAcceptsMinimalBodies,
  itBehavesLikeAReplicator,
  itCanBackfill,
  itHandlesResourcesAndWrappedEvents,
  itPreventsOverwritingNewDataWithOld,
  itUpsertsOnlyUnderSpecificConditions,
  itVerifiesBackfillSecrets,
} from '@whdb/testing';
import { signalwireMessageV1Replicator as replicator } from './signalwire-message-v1.replicator';
import { SIGNALWIRE_MESSAGE_V1_SIGNATURE_HEADER } from './webhook';

// The shared replicator contract (libs/testing/src/contract; docs/adding-a-replicator.md, "What
// the contract suite checks"), against real Postgres and, for backfills, a fake SignalWire API.

const API_KEY = 'test_api_key';
const WEBHOOK_SECRET = 'whsec_contract';
const ITEMS = 5;
const PAGE_SIZE = 2;

/** A fake SignalWire API holding `count` messages, serving `PAGE_SIZE` per page. */
function fakeSignalwireMessageV1(count: number): () => Promise<FakeSignalwireMessageV1Api> {
  return () => new FakeSignalwireMessageV1Api({ apiKey: API_KEY, maxPageSize: PAGE_SIZE }).add(...Array.from({ length: count }, () => buildSignalwireMessageV1())).start();
}

const signed = (body: JsonObject) => ({ [SIGNALWIRE_MESSAGE_V1_SIGNATURE_HEADER]: signalwireMessageV1SignatureHeader(JSON.stringify(body), WEBHOOK_SECRET) });

const resource = buildSignalwireMessageV1({ name: 'Contract', status: 'active', amount: 4200, updated_at: '2024-02-01T00:00:00Z' });
const event = buildSignalwireMessageV1Event(resource, 'message.created');

itBehavesLikeAReplicator(replicator, {
  body: event,
  headers: signed(event),
  integration: { webhookSecret: WEBHOOK_SECRET },
  expectedData: resource,
  expectedRow: {
    signalwire_id: resource['id'],
    name: 'Contract',
    status: 'active',
    amount: '4200',
    created_at: new Date('2024-01-01T00:00:00Z'),
    updated_at: new Date('2024-02-01T00:00:00Z'),
  },
});

const newer = { ...resource, status: 'archived', updated_at: '2024-03-01T00:00:00Z' };
itPreventsOverwritingNewDataWithOld(replicator, {
  oldBody: buildSignalwireMessageV1Event(resource),
  newBody: buildSignalwireMessageV1Event(newer),
  expectedOldData: resource,
  expectedNewData: newer,
});

itAcceptsMinimalBodies(replicator, {
  bodies: [{ id: 'message_minimal_bare' }, { type: 'message.created', data: { id: 'message_minimal_wrapped' } }],
});

itHandlesResourcesAndWrappedEvents(replicator, { resource, envelope: event });

itUpsertsOnlyUnderSpecificConditions(replicator, {
  incorrectBodies: [{ id: 'other_123' }, buildSignalwireMessageV1Event({ id: 'other_456' }, 'other.updated'), { name: 'no id at all' }],
});

itCanBackfill(replicator, {
  fake: fakeSignalwireMessageV1(ITEMS),
  emptyFake: fakeSignalwireMessageV1(0),
  settings: (fake) => ({ apiUrl: fake.url, backfillKey: API_KEY }),
  expectedItemsCount: ITEMS,
  expectedPageRequests: Math.ceil(ITEMS / PAGE_SIZE),
  errorReply: { status: 400, body: { error: { status: 400, message: 'invalid limit or cursor' } } },
  pagePathPrefix: '/messages',
});

itVerifiesBackfillSecrets(replicator, {
  fake: fakeSignalwireMessageV1(1),
  correctSettings: (fake) => ({ apiUrl: fake.url, backfillKey: API_KEY }),
  incorrectSettings: (fake) => ({ apiUrl: fake.url, backfillKey: 'not-the-key' }),
});
