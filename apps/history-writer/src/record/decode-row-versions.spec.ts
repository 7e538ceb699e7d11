import { silentLogger } from '@whdb/core';
import { toConsumedMessage } from '@whdb/kafka';
import { decodeRowVersions } from './decode-row-versions';
import { HistoryWriterMetrics } from './history-writer-metrics';

const SOURCE = { version: '2', connector: 'webhookdb-kafka', service_name: 'increase_account_v1', opaque_id: 'svi_h', schema: 'whdb_org_h', table: 'accounts', ts_ms: 1_764_000_000_000 };

function message(offset: number, key: string | null, value: unknown) {
  return toConsumedMessage('whdb.rows.increase_account_v1', 0, { offset: String(offset), key, value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });
}

function setup() {
  const skipped: string[] = [];
  const metrics: HistoryWriterMetrics = { versionsWritten: () => undefined, skipped: (reason) => skipped.push(reason), fillFinished: () => undefined };
  return { skipped, metrics };
}

describe('decodeRowVersions', () => {
  it('keeps updates and deletes as versions keyed by remote key and position, and passes over tombstones', () => {
    const { skipped, metrics } = setup();
    const after = { increase_id: 'account_1', name: 'Second' };
    const versions = decodeRowVersions(
      [
        message(0, 'svi_h:account_1', { op: 'u', before: { increase_id: 'account_1', name: 'First' }, after, source: { ...SOURCE, lsn: 100 }, ts_ms: 1 }),
        message(1, 'svi_h:account_1', { op: 'd', before: after, after: null, source: { ...SOURCE, lsn: 200, ts_ms: SOURCE.ts_ms + 60_000 }, ts_ms: 2 }),
        message(2, 'svi_h:account_1', null),
      ],
      metrics,
      silentLogger,
    );
    expect(versions).toEqual([
      { opaqueId: 'svi_h', remoteKey: 'account_1', op: 'u', position: 100, validFrom: new Date(SOURCE.ts_ms), row: after },
      { opaqueId: 'svi_h', remoteKey: 'account_1', op: 'd', position: 200, validFrom: new Date(SOURCE.ts_ms + 60_000), row: null },
    ]);
    expect(skipped).toEqual([]);
  });

  it('counts what the history cannot use (not JSON, no position, a key of another integration) and goes on', () => {
    const { skipped, metrics } = setup();
    const good = { op: 'c', before: null, after: { increase_id: 'account_2' }, source: { ...SOURCE, lsn: 300 }, ts_ms: 3 };
    const versions = decodeRowVersions(
      [
        message(0, 'svi_h:account_2', '{not json'),
        message(1, 'svi_h:account_2', { ...good, source: SOURCE }),
        message(2, 'svi_other:account_2', good),
        message(3, 'svi_h:account_2', good),
      ],
      metrics,
      silentLogger,
    );
    expect(versions.map((v) => v.position)).toEqual([300]);
    expect(skipped).toEqual(['invalid', 'no_position', 'bad_key']);
  });
});
