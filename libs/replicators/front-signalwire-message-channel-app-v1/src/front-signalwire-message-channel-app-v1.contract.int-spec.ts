import { JsonObject } from '@whdb/core';
import {
  buildFrontChannelEvent,
  buildFrontChannelMessage,
  itAcceptsMinimalBodies,
  itBehavesLikeAReplicator,
  itStoresEveryRowItPrepares,
  itUpsertsOnlyUnderSpecificConditions,
  useContractDatabase,
  contractWebhookRequest,
} from '@whdb/testing';
import { CHANNEL_SUPPORT_NUMBER_HEADER } from './channel-event';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';

// The shared replicator contract (libs/testing/src/contract) on real Postgres, plus the channel's
// own guard: frozen once both ids are set (docs/replicators/front_signalwire_message_channel_app_v1.md#columns).
// Webhooks only (the reconciler converges the table), so no backfill groups.

const SUPPORT = '+15550001111';
const support = { [CHANNEL_SUPPORT_NUMBER_HEADER]: SUPPORT };
const message = buildFrontChannelMessage({ id: 'msg_contract', to: ['(999) 888-7777'], text: 'Your order shipped', createdAt: 1714564800 });
const event = buildFrontChannelEvent('message', message);

itBehavesLikeAReplicator(replicator, {
  body: event,
  headers: support,
  expectedRow: {
    external_id: 'msg_contract-+19998887777',
    front_message_id: 'msg_contract',
    signalwire_sid: null,
    external_conversation_id: '+19998887777',
    direction: 'outbound',
    body: 'Your order shipped',
    sender: SUPPORT,
    recipient: '+19998887777',
    data: { ...event, front_message_id: 'msg_contract', direction: 'outbound', body: 'Your order shipped', sender: SUPPORT, recipient: '+19998887777', external_id: 'msg_contract-+19998887777', external_conversation_id: '+19998887777' },
  },
});

const smsRow = (sid: string): JsonObject => ({ sid, body: 'hi', from: '+19998887777', to: SUPPORT, direction: 'inbound', external_id: sid, signalwire_sid: sid, sender: '+19998887777', recipient: SUPPORT, external_conversation_id: '+19998887777' });

itAcceptsMinimalBodies(replicator, {
  bodies: [{ external_id: 'min_1', direction: null, body: null, sender: null, recipient: null }, smsRow('SMmin2'), buildFrontChannelEvent('message_autoreply', { _links: { related: { message_replied_to: 'https://x/messages/msg_9' } }, recipients: [{ role: 'to', handle: '2223334444' }] })],
  headers: support,
});

itUpsertsOnlyUnderSpecificConditions(replicator, {
  headers: support,
  incorrectBodies: [
    buildFrontChannelEvent('authorization', { channel_id: 'cha_1' }),
    buildFrontChannelEvent('delete', { channel_id: 'cha_1' }),
    buildFrontChannelEvent('message_imported', { ...message, metadata: { external_conversation_id: '+19998887777' } }),
    { type: 'something_else' },
    {},
  ],
});

itStoresEveryRowItPrepares(replicator, { resource: smsRow('SMfuzz'), numRuns: 150 });

describe('front_signalwire_message_channel_app_v1: frozen once converged', () => {
  const db = useContractDatabase('ct_fsmca');
  const upsert = async (table: Awaited<ReturnType<typeof db.createTable>>, resource: JsonObject) => db.upsertResources(table, replicator, [{ resource, event: null }]);

  it('one row per to recipient, each completed by its own delivery result, then frozen', async () => {
    const table = await db.createTable(replicator);
    const two = buildFrontChannelEvent('message', buildFrontChannelMessage({ id: 'msg_two', to: ['2223334444', '5556667777'] }));
    const changes = await db.upsertWebhook(table, replicator, contractWebhookRequest(two, support));
    expect(changes.map((c) => c.remoteKey).sort()).toEqual(['msg_two-+12223334444', 'msg_two-+15556667777']);
    const [first, second] = replicator.resourcesFrom(contractWebhookRequest(two, support))!.map((item) => item.resource);
    expect(await upsert(table, { ...first!, signalwire_sid: 'SMone' })).toHaveLength(1);
    expect(await upsert(table, { ...second!, signalwire_sid: 'SMtwo' })).toHaveLength(1);
    const rows = await db.rows(table);
    expect(rows.map((r) => [r['external_id'], r['signalwire_sid'], r['front_message_id']])).toEqual([
      ['msg_two-+12223334444', 'SMone', 'msg_two'],
      ['msg_two-+15556667777', 'SMtwo', 'msg_two'],
    ]);
    // Converged: a late duplicate delivery and even a different sid change nothing.
    expect(await db.upsertWebhook(table, replicator, contractWebhookRequest(two, support))).toEqual([]);
    expect(await upsert(table, { ...first!, signalwire_sid: 'SMother' })).toEqual([]);
    expect((await db.rows(table))[0]!['signalwire_sid']).toBe('SMone');
  });

  it('a partial body never wipes a set id, and an identical replay changes nothing', async () => {
    const table = await db.createTable(replicator);
    const row = smsRow('SMpartial');
    expect(await upsert(table, row)).toHaveLength(1);
    expect(await upsert(table, row)).toEqual([]);
    const { signalwire_sid: _sid, ...withoutSid } = row;
    expect(await upsert(table, { ...withoutSid, body: 'edited' })).toHaveLength(1);
    expect((await db.rows(table))[0]).toMatchObject({ signalwire_sid: 'SMpartial', front_message_id: null, body: 'edited' });
    expect(await upsert(table, { ...row, front_message_id: 'skipped_due_to_age' })).toHaveLength(1);
    expect(await upsert(table, { ...row, body: 'late' })).toEqual([]);
    expect((await db.rows(table))[0]).toMatchObject({ signalwire_sid: 'SMpartial', front_message_id: 'skipped_due_to_age' });
  });
});
