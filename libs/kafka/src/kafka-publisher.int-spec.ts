import { silentLogger } from '@whdb/core';
import net from 'node:net';
import { ensureTopics } from './kafka-admin';
import { KafkaPublisher } from './kafka-publisher';
import { eventually, testMetadata, testSettings, timed, uniqueName } from './testing/kafka-test-env';
import { startRecordingConsumer } from './testing/recording-consumer';

/** A port on which nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('KafkaPublisher against a real broker', () => {
  const settings = testSettings('kafka-publisher-int');
  let publisher: KafkaPublisher;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    publisher = await KafkaPublisher.connect(settings, silentLogger);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await publisher.disconnect();
  });

  it('publishes JSON with CloudEvents headers that a ConsumerRunner reads back in key order', async () => {
    const topic = uniqueName('whdb.test.roundtrip');
    await ensureTopics(settings, silentLogger, [{ name: topic, partitions: 3 }]);
    expect(publisher.isReady()).toBe(true);

    await publisher.publish([
      { topic, key: 'svi_1:acc_1', value: { n: 1, text: 'é' }, metadata: testMetadata('e1'), headers: { 'x-extra': 'yes' } },
      { topic, key: 'svi_1:acc_1', value: { n: 2 }, metadata: testMetadata('e2') },
      { topic, key: 'svi_1:acc_2', value: { n: 3 }, metadata: testMetadata('e3') },
    ]);

    const consumer = await startRecordingConsumer({ settings, groupId: uniqueName('whdb.test.group'), topics: [topic], publisher });
    cleanups.push(() => consumer.runner.stop());
    const received = await consumer.waitFor(3);

    const first = received.find((m) => m.metadata.id === 'e1')!;
    expect(first.key).toBe('svi_1:acc_1');
    expect(first.json()).toEqual({ n: 1, text: 'é' });
    expect(first.metadata).toEqual({
      id: 'e1',
      type: 'test.event',
      source: '/libs/kafka/int-spec',
      time: expect.any(String),
      correlationId: 'corr-e1',
    });
    expect(first.headers).toMatchObject({ ce_specversion: '1.0', 'content-type': 'application/json', 'x-extra': 'yes' });
    expect(typeof first.offset).toBe('string');

    const sameKey = received.filter((m) => m.key === 'svi_1:acc_1');
    expect(new Set(sameKey.map((m) => m.partition)).size).toBe(1);
    expect(sameKey.map((m) => m.json<{ n: number }>().n)).toEqual([1, 2]);
    await eventually(() => consumer.runner.stats().processed === 3, 'processed counter');
  });

  it('rejects an oversized message with payload_too_large and keeps publishing afterwards', async () => {
    const topic = uniqueName('whdb.test.large');
    // Over the topic's limit (our topics allow 8 MiB, DEFAULT_TOPIC_CONFIGS).
    await ensureTopics(settings, silentLogger, [{ name: topic, partitions: 1 }]);
    const huge = 'x'.repeat(9 * 1024 * 1024);
    await expect(publisher.publish([{ topic, key: 'k', value: { huge }, metadata: testMetadata('big') }])).rejects.toMatchObject({
      code: 'payload_too_large',
      retriable: false,
    });
    await publisher.publish([{ topic, key: 'k', value: { small: true }, metadata: testMetadata('small') }]);
    expect(publisher.isReady()).toBe(true);
  });

  it('fails within the send timeout with kafka_unavailable when the topic does not exist', async () => {
    const strict = await KafkaPublisher.connect(settings, silentLogger, { sendTimeoutMs: 1500 });
    cleanups.push(() => strict.disconnect());
    const outcome = await timed(() => strict.publish([{ topic: uniqueName('whdb.test.missing'), key: 'k', value: 1, metadata: testMetadata('m') }]));
    expect(outcome.error).toMatchObject({ code: 'kafka_unavailable', retriable: true });
    expect(outcome.ms).toBeLessThan(2500);
  });
});

describe('KafkaPublisher without a reachable broker', () => {
  it('connects in bounded time (not ready) and rejects publishes with kafka_unavailable within the send timeout', async () => {
    const port = await closedPort();
    const connecting = await timed(() =>
      KafkaPublisher.connect({ brokers: [`127.0.0.1:${port}`], clientId: 'kafka-publisher-int-down' }, silentLogger, { sendTimeoutMs: 1000 }),
    );
    const publisher = connecting.result!;
    try {
      expect(connecting.ms).toBeLessThan(2000);
      expect(publisher.isReady()).toBe(false);
      for (const id of ['a', 'b']) {
        const outcome = await timed(() => publisher.publish([{ topic: 'whdb.test.nowhere', key: 'k', value: { id }, metadata: testMetadata(id) }]));
        expect(outcome.error).toMatchObject({ code: 'kafka_unavailable', retriable: true });
        expect(outcome.ms).toBeLessThan(2000);
      }
      expect(publisher.isReady()).toBe(false);
    } finally {
      await publisher.disconnect();
    }
    await expect(publisher.publish([{ topic: 't', key: 'k', value: 1, metadata: testMetadata('x') }])).rejects.toMatchObject({ code: 'kafka_unavailable' });
  });
});
