import { JsonObject } from '@whdb/core';
import {
  frontMessageV1SignatureHeader,
  buildFrontMessageV1,
  buildFrontMessageV1Event,
  FakeFrontMessageV1Api,
  itAcceptsMinimalBodies,
  itBehavesLikeAReplicator,
  itCanBackfill,
  itHandlesResourcesAndWrappedEvents,
  itPreventsOverwritingNewDataWithOld,
  itUpsertsOnlyUnderSpecificConditions,
  itVerifiesBackfillSecrets,
} from '@whdb/testing';
import { frontMessageV1Replicator as replicator } from './front-message-v1.replicator';
import { FRONT_MESSAGE_V1_SIGNATURE_HEADER } from './webhook';

// The shared replicator contract (libs/testing/src/contract; docs/adding-a-replicator.md, "What
// the contract suite checks"), against real Postgres and, for backfills, a fake Front API.

const API_KEY = 'test_api_key';
const WEBHOOK_SECRET = 'whsec_contract';
const ITEMS = 5;
const PAGE_SIZE = 2;

/** A fake Front API holding `count` messages, serving `PAGE_SIZE` per page. */
function fakeFrontMessageV1(count: number): () => Promise<FakeFrontMessageV1Api> {
  return () => new FakeFrontMessageV1Api({ apiKey: API_KEY, maxPageSize: PAGE_SIZE }).add(...Array.from({ length: count }, () => buildFrontMessageV1())).start();
}

const signed = (body: JsonObject) => ({ [FRONT_MESSAGE_V1_SIGNATURE_HEADER]: frontMessageV1SignatureHeader(JSON.stringify(body), WEBHOOK_SECRET) });

const resource = buildFrontMessageV1({ name: 'Contract', status: 'active', amount: 4200, updated_at: '2024-02-01T00:00:00Z' });
const event = buildFrontMessageV1Event(resource, 'message.created');

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
  oldBody: buildFrontMessageV1Event(resource),
  newBody: buildFrontMessageV1Event(newer),
  expectedOldData: resource,
  expectedNewData: newer,
});

itAcceptsMinimalBodies(replicator, {
  bodies: [{ id: 'message_minimal_bare' }, { type: 'message.created', data: { id: 'message_minimal_wrapped' } }],
});

itHandlesResourcesAndWrappedEvents(replicator, { resource, envelope: event });

itUpsertsOnlyUnderSpecificConditions(replicator, {
  incorrectBodies: [{ id: 'other_123' }, buildFrontMessageV1Event({ id: 'other_456' }, 'other.updated'), { name: 'no id at all' }],
});

itCanBackfill(replicator, {
  fake: fakeFrontMessageV1(ITEMS),
  emptyFake: fakeFrontMessageV1(0),
  settings: (fake) => ({ apiUrl: fake.url, backfillKey: API_KEY }),
  expectedItemsCount: ITEMS,
  expectedPageRequests: Math.ceil(ITEMS / PAGE_SIZE),
  errorReply: { status: 400, body: { error: { status: 400, message: 'invalid limit or cursor' } } },
  pagePathPrefix: '/messages',
});

itVerifiesBackfillSecrets(replicator, {
  fake: fakeFrontMessageV1(1),
  correctSettings: (fake) => ({ apiUrl: fake.url, backfillKey: API_KEY }),
  incorrectSettings: (fake) => ({ apiUrl: fake.url, backfillKey: 'not-the-key' }),
});
