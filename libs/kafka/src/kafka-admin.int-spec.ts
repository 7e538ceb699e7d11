import { randomBytes } from 'node:crypto';
import { silentLogger } from '@whdb/core';
import { deleteTopics, ensureTopics } from './kafka-admin';
import { eventually, partitionCounts, testSettings, topicConfig, uniqueName } from './testing/kafka-test-env';

describe('ensureTopics / deleteTopics against a real broker', () => {
  const settings = testSettings('kafka-admin-int');

  it('creates missing topics once, leaves existing ones alone, and deletes them', async () => {
    const a = uniqueName('whdb.test.admin-a');
    const b = uniqueName('whdb.test.admin-b');
    const specs = [
      { name: a, partitions: 2, configs: { 'retention.ms': '3600000' } },
      { name: b }, // broker defaults (3 partitions on the test broker)
    ];

    expect((await ensureTopics(settings, silentLogger, specs)).sort()).toEqual([a, b].sort());
    expect(await ensureTopics(settings, silentLogger, [...specs, { name: a, partitions: 5 }])).toEqual([]);
    expect(await partitionCounts(settings, [a, b])).toEqual({ [a]: 2, [b]: 3 });
    expect(await topicConfig(settings, b, 'max.message.bytes')).toBe('8388608');
    expect(await topicConfig(settings, a, 'retention.ms')).toBe('3600000');

    await deleteTopics(settings, silentLogger, [a, b, uniqueName('whdb.test.never-existed')]);
    await eventually(async () => Object.keys(await partitionCounts(settings, [a, b])).length === 0, 'topics deleted');
  });

  it('creates inbound topics compacted with a raw tail, and their dead-letter topics time-based (docs/topics.md#retention-of-the-inbound-topics)', async () => {
    const inbound = `whdb.inbound.admin_test_${randomBytes(4).toString('hex')}`;
    const dlq = `${inbound}.dlq`;
    await ensureTopics(settings, silentLogger, [{ name: inbound, partitions: 1 }, { name: dlq, partitions: 1 }]);
    expect(await topicConfig(settings, inbound, 'cleanup.policy')).toBe('compact');
    expect(await topicConfig(settings, inbound, 'min.compaction.lag.ms')).toBe(String(7 * 24 * 60 * 60 * 1000));
    expect(await topicConfig(settings, inbound, 'max.message.bytes')).toBe('8388608');
    expect(await topicConfig(settings, dlq, 'cleanup.policy')).toBe('delete');
    await deleteTopics(settings, silentLogger, [inbound, dlq]);
  });

  it('rejects invalid topic names before talking to Kafka', async () => {
    await expect(ensureTopics(settings, silentLogger, [{ name: 'bad/name' }])).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
