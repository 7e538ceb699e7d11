import { prepareRow } from '@whdb/core';
import { buildFrontMessageV1, buildFrontMessageV1Event } from '@whdb/testing';
import { frontMessageV1Replicator as replicator } from './front-message-v1.replicator';

const now = new Date('2024-06-01T00:00:00Z');

describe('front_message_v1 columns', () => {
  it('denormalizes a bare message into typed columns and keeps it whole in data', () => {
    const resource = buildFrontMessageV1({ name: 'First', status: 'active', amount: 1250 });
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

  it('reads a wrapped message from its event and stores the bare message', () => {
    const resource = buildFrontMessageV1({ updated_at: '2024-03-01T00:00:00Z' });
    const row = prepareRow(replicator, { resource, event: buildFrontMessageV1Event(resource) }, now);
    expect(row.values['updated_at']).toBe('2024-03-01T00:00:00.000Z');
    expect(row.data).toEqual(resource);
  });

  it('accepts a minimal body: optional columns are null, updated_at defaults to now', () => {
    const row = prepareRow(replicator, { resource: { id: 'message_min' }, event: null }, now);
    expect(row.values).toEqual({ front_id: 'message_min', name: null, status: null, amount: null, created_at: null, updated_at: now.toISOString() });
  });

  it('rejects a field of the wrong type with a clear message', () => {
    expect(() => prepareRow(replicator, { resource: buildFrontMessageV1({ amount: 'lots' }), event: null }, now)).toThrow(/column amount expects an integer/);
  });

  it('declares its columns in order, with a strictly-newer-wins guard on updated_at', () => {
    const { schema } = replicator;
    expect([schema.remoteKey.name, ...schema.columns.map((c) => c.name)]).toEqual(['front_id', 'name', 'status', 'amount', 'created_at', 'updated_at']);
    expect(schema.timestampColumn).toBe('updated_at');
    expect(schema.updateWhere.sql).toBe('existing."updated_at" < excluded."updated_at"');
  });
});
