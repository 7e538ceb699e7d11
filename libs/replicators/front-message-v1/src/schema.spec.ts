import { prepareRow } from '@whdb/core';
import { buildFrontMessage, buildFrontMessageEvent } from '@whdb/testing';
import { frontMessageV1Replicator as replicator } from './front-message-v1.replicator';

const now = new Date('2024-06-01T00:00:00Z');

describe('front_message_v1 columns (docs/replicators/front_message_v1.md#columns)', () => {
  it('declares the documented columns in order, with the data-differs guard', () => {
    const { schema } = replicator;
    expect([schema.remoteKey.name, ...schema.columns.map((c) => c.name)]).toEqual(['front_id', 'type', 'front_conversation_id', 'created_at']);
    expect(schema.timestampColumn).toBe('created_at');
    expect(schema.updateWhere.sql).toBe('existing."data" IS DISTINCT FROM excluded."data"');
  });

  it('reads the message, the conversation id from the event and created_at in epoch seconds', () => {
    const message = buildFrontMessage({ created_at: 1714564800.5, type: 'sms' });
    const event = buildFrontMessageEvent(message, { conversationId: 'cnv_55' })['payload'] as Record<string, never>;
    const row = prepareRow(replicator, { resource: message, event }, now);
    expect(row.values).toEqual({ front_id: message['id'], type: 'sms', front_conversation_id: 'cnv_55', created_at: '2024-05-01T12:00:00.500Z' });
    expect(row.data).toEqual(message);
  });

  it('leaves the conversation null for a bare message', () => {
    expect(prepareRow(replicator, { resource: { id: 'msg_1' }, event: null }, now).values).toEqual({ front_id: 'msg_1', type: null, front_conversation_id: null, created_at: null });
  });
});
