import { prepareRow } from '@whdb/core';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';

const now = new Date('2024-06-01T00:00:00Z');

describe('front_signalwire_message_channel_app_v1 columns (docs/replicators/front_signalwire_message_channel_app_v1.md#columns)', () => {
  it('declares the SPEC 15.1 columns in order, row_updated_at as the timestamp', () => {
    const { schema } = replicator;
    expect([schema.remoteKey.name, ...schema.columns.map((c) => c.name)]).toEqual([
      'external_id',
      'signalwire_sid',
      'front_message_id',
      'external_conversation_id',
      'row_updated_at',
      'direction',
      'body',
      'sender',
      'recipient',
    ]);
    expect(schema.columns.filter((c) => c.index).map((c) => c.name)).toEqual(['signalwire_sid', 'front_message_id', 'external_conversation_id', 'row_updated_at']);
    expect(schema.timestampColumn).toBe('row_updated_at');
  });

  it('updates only while an id is missing, and only with different data', () => {
    expect(replicator.schema.updateWhere.sql).toBe('(existing."signalwire_sid" IS NULL OR existing."front_message_id" IS NULL) AND existing."data" IS DISTINCT FROM excluded."data"');
  });

  it('leaves a missing id out of the write (never wipes it); stamps row_updated_at now', () => {
    const row = prepareRow(replicator, { resource: { external_id: 'x', front_message_id: 'msg_1', direction: 'outbound', body: 'hi', sender: '+15550001111', recipient: '+12223334444' }, event: null }, now);
    expect(row.values).toEqual({
      external_id: 'x',
      front_message_id: 'msg_1',
      external_conversation_id: null,
      row_updated_at: '2024-06-01T00:00:00.000Z',
      direction: 'outbound',
      body: 'hi',
      sender: '+15550001111',
      recipient: '+12223334444',
    });
  });

  it('refuses a row without one of the required keys (null values are fine)', () => {
    expect(() => prepareRow(replicator, { resource: { external_id: 'x', direction: null, body: null, sender: null }, event: null }, now)).toThrow(/recipient/);
  });
});
