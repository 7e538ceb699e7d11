import { prepareRow } from '@whdb/core';
import { buildFrontSignalwireMessageChannelAppV1, buildFrontSignalwireMessageChannelAppV1Event } from '@whdb/testing';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';

const now = new Date('2024-06-01T00:00:00Z');

describe('front_signalwire_message_channel_app_v1 columns', () => {
  it('denormalizes a bare signalwire_message_channel_app into typed columns and keeps it whole in data', () => {
    const resource = buildFrontSignalwireMessageChannelAppV1({ name: 'First', status: 'active', amount: 1250 });
    const row = prepareRow(replicator, { resource, event: null }, now);
    expect(row.remoteKey).toBe(resource['id']);
    expect(row.values).toEqual({
      front_id: resource['id'],
      name: 'First',
      status: 'active',
      amount: 1250,
      created_at: '2024-01-01T00:00:00.000Z',
      updated_at: '2024-01-02T00:00:00.000Z',
    });
    expect(row.data).toEqual(resource);
  });

  it('reads a wrapped signalwire_message_channel_app from its event and stores the bare signalwire_message_channel_app', () => {
    const resource = buildFrontSignalwireMessageChannelAppV1({ updated_at: '2024-03-01T00:00:00Z' });
    const row = prepareRow(replicator, { resource, event: buildFrontSignalwireMessageChannelAppV1Event(resource) }, now);
    expect(row.values['updated_at']).toBe('2024-03-01T00:00:00.000Z');
    expect(row.data).toEqual(resource);
  });

  it('accepts a minimal body: optional columns are null, updated_at defaults to now', () => {
    const row = prepareRow(replicator, { resource: { id: 'signalwire_message_channel_app_min' }, event: null }, now);
    expect(row.values).toEqual({ front_id: 'signalwire_message_channel_app_min', name: null, status: null, amount: null, created_at: null, updated_at: now.toISOString() });
  });

  it('rejects a field of the wrong type with a clear message', () => {
    expect(() => prepareRow(replicator, { resource: buildFrontSignalwireMessageChannelAppV1({ amount: 'lots' }), event: null }, now)).toThrow(/column amount expects an integer/);
  });

  it('declares its columns in order, with a newer-wins guard on updated_at (ties: different data wins)', () => {
    const { schema } = replicator;
    expect([schema.remoteKey.name, ...schema.columns.map((c) => c.name)]).toEqual(['front_id', 'name', 'status', 'amount', 'created_at', 'updated_at']);
    expect(schema.timestampColumn).toBe('updated_at');
    expect(schema.updateWhere.sql).toBe('(existing."updated_at" < excluded."updated_at" OR (existing."updated_at" = excluded."updated_at" AND existing."data" IS DISTINCT FROM excluded."data"))');
  });
});
