import { decodeRowVersion } from './row-version';

const source = { version: '2', connector: 'webhookdb-kafka', service_name: 'widget_v1', opaque_id: 'svi_a', schema: 'whdb_org_x', table: 'widget_v1_0000', ts_ms: 1_700_000_000_000, lsn: 42 };
const message = (value: unknown): string => JSON.stringify(value);

describe('decodeRowVersion', () => {
  it('turns a c/u/r event into a version with the row after the change, valid from when it was written', () => {
    const decoded = decodeRowVersion('svi_a:w:1', message({ op: 'u', before: { pk: 1, name: 'old' }, after: { pk: 1, name: 'new' }, source, ts_ms: 1_700_000_000_500 }));
    expect(decoded).toEqual({
      ok: true,
      version: { opaqueId: 'svi_a', remoteKey: 'w:1', op: 'u', position: 42, validFrom: new Date(1_700_000_000_000), row: { pk: 1, name: 'new' } },
    });
  });

  it('turns a delete into a version without a row', () => {
    const decoded = decodeRowVersion('svi_a:w1', message({ op: 'd', before: { pk: 1 }, after: null, source, ts_ms: 1 }));
    expect(decoded).toMatchObject({ ok: true, version: { op: 'd', row: null, remoteKey: 'w1' } });
  });

  it('says why a message gives no version', () => {
    expect(decodeRowVersion('svi_a:w1', null)).toMatchObject({ ok: false, reason: 'tombstone' });
    expect(decodeRowVersion('svi_a:w1', 'not json')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(decodeRowVersion('svi_a:w1', message({ op: 'x', after: {}, source, ts_ms: 1 }))).toMatchObject({ ok: false, reason: 'invalid' });
    const { lsn: _lsn, ...withoutLsn } = source;
    expect(decodeRowVersion('svi_a:w1', message({ op: 'c', after: { pk: 1 }, source: withoutLsn, ts_ms: 1 }))).toMatchObject({ ok: false, reason: 'no_position' });
    expect(decodeRowVersion('svi_b:w1', message({ op: 'c', after: { pk: 1 }, source, ts_ms: 1 }))).toMatchObject({ ok: false, reason: 'bad_key' });
    expect(decodeRowVersion('svi_a:', message({ op: 'c', after: { pk: 1 }, source, ts_ms: 1 }))).toMatchObject({ ok: false, reason: 'bad_key' });
  });
});
