import { AppError, silentLogger } from '@whdb/core';
import { encodeEventHeaders } from '@whdb/core';
import { ConsumedMessage } from './consumed-message';
import { ensureTopics } from './kafka-admin';
import { KafkaPublisher } from './kafka-publisher';
import { Topics } from '@whdb/core';
import { committedOffset, eventually, testMetadata, testSettings, uniqueName } from './testing/kafka-test-env';
import { RecordingConsumer, startRecordingConsumer } from './testing/recording-consumer';

const n = (message: ConsumedMessage): number => message.json<{ n: number }>().n;

describe('ConsumerRunner against a real broker', () => {
  const settings = testSettings('consumer-runner-int');
  let publisher: KafkaPublisher;
  const running: RecordingConsumer[] = [];

  async function freshTopic(prefix: string): Promise<string> {
    const topic = uniqueName(`whdb.test.${prefix}`);
    await ensureTopics(settings, silentLogger, [{ name: topic, partitions: 1 }]);
    return topic;
  }

  async function publishNumbers(topic: string, numbers: number[]): Promise<void> {
    await publisher.publish(numbers.map((i) => ({ topic, key: 'svi_1:same', value: { n: i }, metadata: testMetadata(`${topic}-${i}`) })));
  }

  async function consume(options: Parameters<typeof startRecordingConsumer>[0]): Promise<RecordingConsumer> {
    const consumer = await startRecordingConsumer(options);
    running.push(consumer);
    return consumer;
  }

  beforeAll(async () => {
    publisher = await KafkaPublisher.connect(settings, silentLogger);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.runner.stop()));
  });
  afterAll(async () => {
    await publisher.disconnect();
  });

  it('retries a retriable failure until it passes, commits only afterwards, and processes each message once', async () => {
    const topic = await freshTopic('retry');
    const groupId = uniqueName('whdb.test.group');
    await publishNumbers(topic, [0, 1, 2]);
    let failuresLeft = 3;
    const offsetsSeenWhileFailing: string[] = [];
    const consumer = await consume({
      settings,
      groupId,
      topics: [topic],
      publisher,
      behaviour: async (messages) => {
        if (messages.some((m) => n(m) === 1) && failuresLeft > 0) {
          failuresLeft -= 1;
          offsetsSeenWhileFailing.push(await committedOffset(settings, groupId, topic));
          throw new AppError('database_unavailable', 'database is down');
        }
      },
    });

    await consumer.waitFor(3);
    expect(consumer.received.map(n)).toEqual([0, 1, 2]);
    expect(offsetsSeenWhileFailing).toEqual(['-1', '-1', '-1']);
    await eventually(async () => (await committedOffset(settings, groupId, topic)) === '3', 'offset 3 committed');
    expect(consumer.runner.stats()).toMatchObject({ processed: 3, retries: 3, deadLettered: 0 });
  });

  it('after a restart re-delivers nothing committed and loses nothing uncommitted', async () => {
    const topic = await freshTopic('restart');
    const groupId = uniqueName('whdb.test.group');
    await publishNumbers(topic, [0, 1, 2, 3, 4]);
    const first = await consume({
      settings,
      groupId,
      topics: [topic],
      publisher,
      extra: { maxBatchSize: 1 },
      behaviour: async (messages) => {
        if (messages.some((m) => n(m) === 2)) throw new AppError('database_unavailable', 'stuck on 2');
      },
    });
    await eventually(() => first.runner.stats().retries >= 2, 'retries on message 2');
    expect(first.received.map(n)).toEqual([0, 1]);
    expect(await committedOffset(settings, groupId, topic)).toBe('2');
    await first.runner.stop();
    expect(first.runner.isReady()).toBe(false);

    await publishNumbers(topic, [5, 6]);
    const second = await consume({ settings, groupId, topics: [topic], publisher });
    await second.waitFor(5);
    await eventually(async () => (await committedOffset(settings, groupId, topic)) === '7', 'offset 7 committed');
    expect(second.received.map(n)).toEqual([2, 3, 4, 5, 6]);
  });

  it('sends a poison message to <topic>.dlq with x-dlq headers and keeps consuming', async () => {
    const topic = await freshTopic('poison');
    const groupId = uniqueName('whdb.test.group');
    await publishNumbers(topic, [0]);
    const poisonHeaders = { ...encodeEventHeaders(testMetadata('poison')), 'x-extra': 'kept' };
    await publisher.publishRaw([{ topic, key: 'svi_1:poison', value: Buffer.from('{"n": oops'), headers: poisonHeaders }]);
    await publishNumbers(topic, [2]);

    const consumer = await consume({
      settings,
      groupId,
      topics: [topic],
      publisher,
      behaviour: async (messages) => {
        messages.forEach((m) => m.json());
      },
    });
    await consumer.waitFor(2);
    expect(consumer.received.map(n)).toEqual([0, 2]);
    await eventually(async () => (await committedOffset(settings, groupId, topic)) === '3', 'offset 3 committed');
    expect(consumer.runner.stats()).toMatchObject({ processed: 2, deadLettered: 1 });

    const dlq = await consume({ settings, groupId: uniqueName('whdb.test.dlq-reader'), topics: [Topics.dlq(topic)], publisher });
    const [dead] = await dlq.waitFor(1);
    expect(dead.key).toBe('svi_1:poison');
    expect(dead.value?.toString('utf8')).toBe('{"n": oops');
    expect(dead.metadata.id).toBe('poison');
    expect(dead.headers).toMatchObject({
      'x-extra': 'kept',
      'x-dlq-error-code': 'invalid_input',
      'x-dlq-original-topic': topic,
      'x-dlq-original-partition': '0',
      'x-dlq-original-offset': '1',
    });
    expect(dead.headers['x-dlq-error']).toContain('not valid JSON');
    expect(Number.isNaN(Date.parse(dead.headers['x-dlq-failed-at']))).toBe(false);
  });

  it('stop() lets the handler call in progress finish and commits it', async () => {
    const topic = await freshTopic('graceful');
    const groupId = uniqueName('whdb.test.group');
    await publishNumbers(topic, [0, 1]);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    const consumer = await consume({
      settings,
      groupId,
      topics: [topic],
      publisher,
      behaviour: async () => {
        entered = true;
        await released;
      },
    });
    await eventually(() => entered && consumer.runner.isReady(), 'handler entered');
    let stopped = false;
    const stopping = consumer.runner.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(consumer.received.map(n)).toEqual([0, 1]);
    expect(await committedOffset(settings, groupId, topic)).toBe('2');
  });
});
