import {
  buildSignalwireMessage,
  FakeSignalwire,
  generatedSignalwireHistory,
  itAcceptsMinimalBodies,
  itAppliesSameSecondUpdates,
  itBehavesLikeAReplicator,
  itCanBackfill,
  itHandlesResourcesAndWrappedEvents,
  itPreventsOverwritingNewDataWithOld,
  itStoresEveryRowItPrepares,
  itVerifiesBackfillSecrets,
} from '@whdb/testing';
import { signalwireMessageV1Replicator as replicator } from './signalwire-message-v1.replicator';

// The shared replicator contract (libs/testing/src/contract) on real Postgres, with the fake
// SignalWire LaML API over HTTP for backfills (docs/replicators/signalwire_message_v1.md).

const WEBHOOK_SECRET = 'whdb:contract-pass';
const basicAuth = { Authorization: `Basic ${Buffer.from(WEBHOOK_SECRET).toString('base64')}` };
// The replicator asks for 100 per page: 205 messages are three pages.
const MESSAGES = 205;
const PAGE_SIZE = 100;

/** A fake SignalWire with `count` messages, a minute apart. */
function fakeSignalwire(count: number): () => Promise<FakeSignalwire> {
  return () => new FakeSignalwire().generate(generatedSignalwireHistory({ count, newest: new Date('2024-05-01T12:00:00Z') })).start();
}
const settings = (fake: FakeSignalwire) => ({ apiUrl: fake.space, backfillKey: fake.projectId, backfillSecret: fake.apiToken });

const message = buildSignalwireMessage({ status: 'sent', direction: 'outbound-api' }, new Date('2024-05-01T12:00:00Z'));

itBehavesLikeAReplicator(replicator, {
  body: message,
  headers: basicAuth,
  integration: { webhookSecret: WEBHOOK_SECRET },
  expectedRow: {
    signalwire_id: message['sid'],
    date_created: new Date('2024-05-01T12:00:00Z'),
    date_updated: new Date('2024-05-01T12:00:00Z'),
    direction: 'outbound-api',
    from: '+15551230000',
    status: 'sent',
    to: '+15557650000',
    data: message,
  },
});

itPreventsOverwritingNewDataWithOld(replicator, {
  oldBody: message,
  newBody: { ...message, status: 'delivered', date_updated: 'Wed, 01 May 2024 12:00:05 +0000' },
});

// "sent" then "delivered" within the same second: SignalWire's whole-second date_updated ties.
itAppliesSameSecondUpdates(replicator, { body: message, tiedBody: { ...message, status: 'delivered' } });

itAcceptsMinimalBodies(replicator, { bodies: [{ sid: 'SMminimal1' }, { sid: 'SMminimal2', status: 'queued', date_sent: null }] });

// SignalWire has no envelope: the "wrapped" form of a message is the message itself.
itHandlesResourcesAndWrappedEvents(replicator, { resource: message, envelope: message });

itStoresEveryRowItPrepares(replicator, { resource: message, numRuns: 200 });

itCanBackfill(replicator, {
  fake: fakeSignalwire(MESSAGES),
  emptyFake: fakeSignalwire(0),
  settings,
  providers: (fake) => fake.providers,
  expectedItemsCount: MESSAGES,
  expectedPageRequests: Math.ceil(MESSAGES / PAGE_SIZE),
  errorReply: { status: 400, body: { code: 20001, message: 'Invalid PageToken', more_info: 'https://developer.signalwire.com', status: 400 } },
});

itVerifiesBackfillSecrets(replicator, {
  fake: fakeSignalwire(1),
  providers: (fake) => fake.providers,
  correctSettings: settings,
  incorrectSettings: (fake) => ({ ...settings(fake), backfillSecret: 'PTwrong' }),
  failureOutput: 'Something is wrong with your configuration',
  failurePromptIsSecret: false,
});
