import { AppError, silentLogger } from '@whdb/core';
import { ensureTopics } from './kafka-admin';
import { KafkaPublisher } from './kafka-publisher';
import { KafkaSettings } from './kafka-settings';
import { eventually, testMetadata, timed, uniqueName } from './testing/kafka-test-env';
import { privateKafka } from './testing/private-kafka';
import { RecordingConsumer, startRecordingConsumer } from './testing/recording-consumer';

// A private broker (its own name and ports, never the shared `test` instance) that this spec stops
// and restarts. The consumer uses the broker's minimum session timeout (6 s): after the restart the
// group waits for the pre-outage member to expire before it rebalances.
const kafka = privateKafka({ name: 'kafka-lib-outage', port: 19292, controllerPort: 19293 });
const SEND_TIMEOUT_MS = 1500;

describe('Kafka outage', () => {
  const settings: KafkaSettings = { brokers: [kafka.brokers], clientId: 'kafka-outage-int' };

  beforeAll(async () => {
    await kafka.start();
  }, 120_000);
  afterAll(async () => {
    await kafka.stop();
  }, 60_000);

  it('publisher fails fast while the broker is down and recovers by itself; consumers resume; services booted meanwhile catch up', async () => {
    const topic = uniqueName('whdb.test.outage');
    await ensureTopics(settings, silentLogger, [{ name: topic, partitions: 1 }]);
    const publisher = await KafkaPublisher.connect(settings, silentLogger, { sendTimeoutMs: SEND_TIMEOUT_MS });
    const consumer = await startRecordingConsumer({ settings, groupId: uniqueName('whdb.test.group'), topics: [topic], publisher, extra: { sessionTimeoutMs: 6000 } });
    let bootedPublisher: KafkaPublisher | undefined;
    let bootedConsumer: RecordingConsumer | undefined;
    const event = (id: string) => ({ topic, key: 'svi_1:k', value: { id }, metadata: testMetadata(id) });
    try {
      await publisher.publish([event('before')]);
      await consumer.waitFor(1);

      await kafka.stop();
      const during = await timed(() => publisher.publish([event('during')]));
      expect(during.error).toBeInstanceOf(AppError);
      expect(during.error).toMatchObject({ code: 'kafka_unavailable', retriable: true });
      expect(during.ms).toBeLessThan(SEND_TIMEOUT_MS + 1000);
      expect(publisher.isReady()).toBe(false);

      // Services that boot while Kafka is down start anyway (not ready) instead of hanging.
      const booting = await timed(() => KafkaPublisher.connect(settings, silentLogger, { sendTimeoutMs: SEND_TIMEOUT_MS }));
      bootedPublisher = booting.result!;
      expect(booting.ms).toBeLessThan(SEND_TIMEOUT_MS + 1000);
      expect(bootedPublisher.isReady()).toBe(false);
      const startingConsumer = await timed(() =>
        startRecordingConsumer({ settings, groupId: uniqueName('whdb.test.group'), topics: [topic], publisher: bootedPublisher!, extra: { sessionTimeoutMs: 6000 } }),
      );
      bootedConsumer = startingConsumer.result!;
      expect(startingConsumer.ms).toBeLessThan(15_000);
      expect(bootedConsumer.runner.isReady()).toBe(false);

      await kafka.start();
      await eventually(() => publisher.isReady(), 'the publisher to reconnect', 60_000, 100);
      await publisher.publish([event('after')]);

      const received = await consumer.waitFor(2, 60_000);
      const ids = received.map((m) => m.json<{ id: string }>().id);
      expect(ids[0]).toBe('before');
      expect(ids).toContain('after');
      await eventually(() => consumer.runner.isReady(), 'the consumer to rejoin', 30_000, 100);

      await eventually(() => bootedPublisher!.isReady(), 'the publisher booted during the outage to connect', 30_000, 100);
      const fromBeginning = await bootedConsumer.waitFor(2, 60_000);
      expect(fromBeginning.map((m) => m.json<{ id: string }>().id)).toEqual(ids.slice(0, 2));
    } finally {
      await Promise.all([consumer.runner.stop(), bootedConsumer?.runner.stop()]);
      await Promise.all([publisher.disconnect(), bootedPublisher?.disconnect()]);
    }
  }, 180_000);
});
