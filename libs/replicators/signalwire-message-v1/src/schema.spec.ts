import { prepareRow } from '@whdb/core';
import { buildSignalwireMessage } from '@whdb/testing';
import { signalwireMessageV1Replicator as replicator } from './signalwire-message-v1.replicator';

const now = new Date('2024-06-01T00:00:00Z');

describe('signalwire_message_v1 columns (docs/replicators/signalwire_message_v1.md#columns)', () => {
  it('declares the documented columns in order, with newer-wins on date_updated', () => {
    const { schema } = replicator;
    expect([schema.remoteKey.name, ...schema.columns.map((c) => c.name)]).toEqual(['signalwire_id', 'date_created', 'date_sent', 'date_updated', 'direction', 'from', 'status', 'to']);
    expect(schema.columns.filter((c) => c.index).map((c) => c.name)).toEqual(['date_created', 'date_sent', 'date_updated', 'from', 'to']);
    expect(schema.timestampColumn).toBe('date_updated');
    expect(schema.updateWhere.sql).toBe('(existing."date_updated" < excluded."date_updated" OR (existing."date_updated" = excluded."date_updated" AND existing."data" IS DISTINCT FROM excluded."data"))');
  });

  it('reads the sid and the RFC 2822 dates SignalWire writes, and keeps the message whole in data', () => {
    const message = buildSignalwireMessage({ date_created: 'Mon, 13 Aug 2018 21:38:46 +0000', date_sent: null, date_updated: 'Thu, 30 Jul 2015 20:12:31 -0000', status: 'queued' });
    const row = prepareRow(replicator, { resource: message, event: null }, now);
    expect(row.remoteKey).toBe(message['sid']);
    expect(row.values).toEqual({
      signalwire_id: message['sid'],
      date_created: '2018-08-13T21:38:46.000Z',
      date_sent: null,
      date_updated: '2015-07-30T20:12:31.000Z',
      direction: 'outbound-api',
      from: '+15551230000',
      status: 'queued',
      to: '+15557650000',
    });
    expect(row.data).toEqual(message);
  });

  it('accepts a message with only its sid', () => {
    expect(prepareRow(replicator, { resource: { sid: 'SM123' }, event: null }, now).values).toMatchObject({ signalwire_id: 'SM123', date_updated: null, from: null });
  });

  it('refuses a message without a sid', () => {
    expect(() => prepareRow(replicator, { resource: { status: 'sent' }, event: null }, now)).toThrow(/sid/);
  });
});
