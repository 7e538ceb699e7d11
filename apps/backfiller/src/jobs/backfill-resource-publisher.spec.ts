import { prepareRow } from '@whdb/core';
import { findReplicator } from '@whdb/replicators';
import { backfillResourceKey } from './backfill-resource-publisher';

const replicator = findReplicator('signalwire_message_v1')!;
const now = new Date('2026-12-02T00:00:00Z');
const message = { sid: 'SM123', date_created: 'Wed, 02 Dec 2026 10:00:00 +0000', from: '+15550001', to: '+15550002', status: 'delivered' };

describe('backfillResourceKey (docs/topics.md#keys)', () => {
  it('is <opaque_id>:<remote key>, the remote key prepareRow finds, as a webhook of the resource is keyed', () => {
    expect(backfillResourceKey(replicator, message, 'svi_abc', now)).toBe('svi_abc:SM123');
    expect(prepareRow(replicator, { resource: message, event: null }, now).remoteKey).toBe('SM123');
  });

  it('is <opaque_id> alone when the resource has no usable remote key', () => {
    const { sid: _sid, ...withoutSid } = message;
    expect(backfillResourceKey(replicator, withoutSid, 'svi_abc', now)).toBe('svi_abc');
    expect(backfillResourceKey(replicator, { ...message, sid: null }, 'svi_abc', now)).toBe('svi_abc');
    expect(backfillResourceKey(replicator, { ...message, sid: '' }, 'svi_abc', now)).toBe('svi_abc');
    expect(backfillResourceKey(replicator, { ...message, sid: 'x'.repeat(3000) }, 'svi_abc', now)).toBe('svi_abc');
  });
});
