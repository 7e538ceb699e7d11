import { silentLogger } from '@whdb/core';
import { ensureTopics } from './kafka-admin';
import { KafkaPublisher } from './kafka-publisher';
import { testMetadata, testSettings, uniqueName } from './testing/kafka-test-env';
import { scanTopicToEnd } from './topic-scan';

describe('scanTopicToEnd against a real broker', () => {
  const settings = testSettings('topic-scan-int');
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    publisher = await KafkaPublisher.connect(settings, silentLogger);
  });
  afterAll(async () => {
    await publisher.disconnect();
  });

  async function topicWith(count: number): Promise<string> {
    const topic = uniqueName('whdb.test.scan');
    await ensureTopics(settings, silentLogger, [{ name: topic, partitions: 2 }]);
    const messages = Array.from({ length: count }, (_, n) => ({ topic, key: `k${n % 7}`, value: { n, padding: 'x'.repeat(200) }, metadata: testMetadata(`e${n}`) }));
    for (let start = 0; start < count; start += 500) await publisher.publish(messages.slice(start, start + 500));
    return topic;
  }

  it('reads every message once, in offset order per partition, across many small fetches', async () => {
    const topic = await topicWith(3000);
    const seen: { partition: number; offset: bigint; n: number }[] = [];
    let batches = 0;
    const result = await scanTopicToEnd(
      settings,
      silentLogger,
      topic,
      async (messages) => {
        batches += 1;
        for (const message of messages) seen.push({ partition: message.partition, offset: BigInt(message.offset), n: message.json<{ n: number }>().n });
      },
      { maxBytesPerPartition: 16 * 1024 },
    );

    expect(result.messagesRead).toBe(3000);
    expect(batches).toBeGreaterThan(10);
    expect(new Set(seen.map((m) => m.n)).size).toBe(3000);
    for (const partition of [0, 1]) {
      const offsets = seen.filter((m) => m.partition === partition).map((m) => m.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : 1)));
    }
    expect(result.partitions.reduce((sum, p) => sum + Number(BigInt(p.end) - BigInt(p.low)), 0)).toBe(3000);
  }, 60_000);

  it('stops at the end the topic had when it started, and fails when the handler fails', async () => {
    const topic = await topicWith(400);
    let published = false;
    const result = await scanTopicToEnd(settings, silentLogger, topic, async () => {
      if (published) return;
      published = true;
      await publisher.publish([{ topic, key: 'late', value: { n: -1 }, metadata: testMetadata('late') }]);
    });
    expect(result.messagesRead).toBe(400);

    await expect(
      scanTopicToEnd(settings, silentLogger, topic, async () => {
        throw new Error('handler broke');
      }),
    ).rejects.toThrow('handler broke');
  }, 60_000);
});
