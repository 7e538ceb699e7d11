import { decodeOutboxBatch, encodeOutboxBatch } from './outbox-message';
import { decodeRowChangeEvent, parseRowChangeMessage, rowImageOf } from './row-change-envelope';
import { rowChangeMessages } from '../projection/row-change';

const target = { opaqueId: 'svi_1', serviceName: 'widget_v1', schema: 'whdb_org_a', table: 'widget_v1_0001' };
const now = new Date('2026-01-01T00:00:00.000Z');

describe('row-change envelope', () => {
  const messages = rowChangeMessages(
    target,
    [
      { remoteKey: 'a', op: 'c', beforeJson: null, afterJson: '{"pk":1,"id":"a","n":12345678901234567890}', lsn: 10, rowIndex: 0 },
      { remoteKey: 'a', op: 'u', beforeJson: '{"pk":1,"id":"a","n":1}', afterJson: '{"pk":1,"id":"a","n":2}', lsn: 11, rowIndex: 1 },
      { remoteKey: 'b', op: 'd', beforeJson: '{"pk":2,"id":"b"}', afterJson: null, lsn: 12 },
    ],
    (change) => (change.rowIndex === undefined ? {} : { correlationId: `corr-${change.rowIndex}`, inbound: { topic: 'whdb.inbound.widget_v1', partition: 2, offset: 40 + change.rowIndex } }),
    now,
  );

  it('builds Debezium envelopes keyed <opaque_id>:<remote key>, a tombstone after each delete', () => {
    expect(messages.map((m) => [m.topic, m.key, m.value === null ? null : parseRowChangeMessage(m.value)!.op])).toEqual([
      ['whdb.rows.widget_v1', 'svi_1:a', 'c'],
      ['whdb.rows.widget_v1', 'svi_1:a', 'u'],
      ['whdb.rows.widget_v1', 'svi_1:b', 'd'],
      ['whdb.rows.widget_v1', 'svi_1:b', null],
    ]);
    expect(parseRowChangeMessage(messages[1]!.value)).toEqual({
      op: 'u',
      before: { pk: 1, id: 'a', n: 1 },
      after: { pk: 1, id: 'a', n: 2 },
      source: {
        version: '2',
        connector: 'webhookdb-kafka',
        service_name: 'widget_v1',
        opaque_id: 'svi_1',
        schema: 'whdb_org_a',
        table: 'widget_v1_0001',
        ts_ms: now.getTime(),
        lsn: 11,
        inbound: { topic: 'whdb.inbound.widget_v1', partition: 2, offset: 41 },
      },
      ts_ms: now.getTime(),
    });
    expect(messages[1]!.headers).toMatchObject({ ce_type: 'row.changed', ce_source: '/whdb/projector/widget_v1', 'x-correlation-id': 'corr-1' });
  });

  it('keeps the row JSON as Postgres wrote it (big numbers keep their digits) and survives the outbox', () => {
    expect(messages[0]!.value).toContain('"n":12345678901234567890');
    expect(decodeOutboxBatch(encodeOutboxBatch(messages))).toEqual(messages);
  });

  it('gives the row image: after, or before for a delete', () => {
    const deleted = parseRowChangeMessage(messages[2]!.value)!;
    expect([deleted.after, rowImageOf(deleted)]).toEqual([null, { pk: 2, id: 'b' }]);
    expect(parseRowChangeMessage(null)).toBeNull();
  });

  it('reads a version 1 event (no before, version or connector)', () => {
    const v1 = { op: 'c', after: { pk: 1 }, source: { service_name: 's', opaque_id: 'svi_1', schema: 'x', table: 't', lsn: 5 }, ts_ms: 7 };
    expect(decodeRowChangeEvent(v1)).toMatchObject({ op: 'c', before: null, source: { version: '1', connector: 'webhookdb-kafka', ts_ms: 7, lsn: 5 } });
  });

  it.each([
    ['not an object', [1]],
    ['an unknown op', { op: 'x', after: {}, source: {}, ts_ms: 1 }],
    ['a delete without before', { op: 'd', before: null, after: null, source: { service_name: 's', opaque_id: 'o', schema: 'x', table: 't' }, ts_ms: 1 }],
    ['an insert without after', { op: 'c', before: null, after: null, source: { service_name: 's', opaque_id: 'o', schema: 'x', table: 't' }, ts_ms: 1 }],
    ['a source without table', { op: 'c', after: {}, source: { service_name: 's', opaque_id: 'o', schema: 'x' }, ts_ms: 1 }],
    ['no ts_ms', { op: 'c', after: {}, source: { service_name: 's', opaque_id: 'o', schema: 'x', table: 't' } }],
  ])('refuses %s (resource_shape_invalid)', (_, value) => {
    expect(() => decodeRowChangeEvent(value)).toThrow(expect.objectContaining({ code: 'resource_shape_invalid' }));
  });
});
