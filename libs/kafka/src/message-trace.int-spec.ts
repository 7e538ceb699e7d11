import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { silentLogger } from '@whdb/core';
import { inSpan, SpanKind, startTracing, TraceHeaders, traceHeadersOf, TracingHandle } from '@whdb/tracing';
import { ensureTopics } from './kafka-admin';
import { KafkaPublisher } from './kafka-publisher';
import { inMessageSpan, traceContextOf } from './message-trace';
import { eventually, testMetadata, testSettings, uniqueName } from './testing/kafka-test-env';
import { RecordingConsumer, startRecordingConsumer } from './testing/recording-consumer';

/**
 * The Kafka seams of tracing (docs/operations.md#tracing) against a real broker, in process, with
 * an in-memory exporter: a publish span's context travels in `traceparent`, each consumed message
 * gets a `process` span under it, work done for a message continues its trace, and a message
 * relayed later from a stored context (the outbox) continues it too. One root: one trace.
 */
describe('Kafka trace propagation against a real broker', () => {
  const settings = testSettings('message-trace-int');
  const exporter = new InMemorySpanExporter();
  let publisher: KafkaPublisher;
  let tracing: TracingHandle | undefined;
  const running: RecordingConsumer[] = [];

  async function freshTopic(prefix: string): Promise<string> {
    const topic = uniqueName(`whdb.test.${prefix}`);
    await ensureTopics(settings, silentLogger, [{ name: topic, partitions: 1 }]);
    return topic;
  }

  async function consume(topic: string, behaviour?: Parameters<typeof startRecordingConsumer>[0]['behaviour']): Promise<RecordingConsumer> {
    const consumer = await startRecordingConsumer({ settings, groupId: uniqueName('whdb.test.trace'), topics: [topic], publisher, behaviour });
    running.push(consumer);
    return consumer;
  }

  const spanNamed = (name: string): ReadableSpan => {
    const found = exporter.getFinishedSpans().filter((span) => span.name === name);
    if (found.length !== 1) throw new Error(`expected one span ${name}, found ${found.length}: ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
    return found[0]!;
  };
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  beforeAll(async () => {
    publisher = await KafkaPublisher.connect(settings, silentLogger);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.runner.stop()));
  });
  afterAll(async () => {
    await tracing?.shutdown();
    await publisher.disconnect();
  });

  it('adds no trace header and makes no span while tracing is off', async () => {
    const topic = await freshTopic('untraced');
    const consumer = await consume(topic);
    await inSpan('not recorded', {}, () => publisher.publish([{ topic, key: 'k', value: { n: 1 }, metadata: testMetadata(`${topic}-1`) }]));
    const [message] = await consumer.waitFor(1);
    expect(message!.headers[TraceHeaders.traceparent]).toBeUndefined();
    expect(traceHeadersOf(traceContextOf(message!))).toEqual({});
  });

  it('keeps one trace from a root span through publish, process, per-message work, a stored context and its relay', async () => {
    tracing = await startTracing({ serviceName: 'kafka-int-spec', export: { kind: 'exporter', exporter } });
    const [first, second, third] = [await freshTopic('trace-a'), await freshTopic('trace-b'), await freshTopic('trace-c')];
    const stored: { headers: Record<string, string> }[] = [];
    await consume(first, async (messages) => {
      for (const message of messages) {
        await inMessageSpan(message, 'work on a', {}, () => publisher.publish([{ topic: second, key: 'k', value: { hop: 2 }, metadata: testMetadata(`${second}-1`) }]));
      }
    });
    // The outbox's way: keep the context of the message's process span with a record, publish it later.
    await consume(second, async (messages) => {
      for (const message of messages) stored.push({ headers: { ...traceHeadersOf(traceContextOf(message)), 'x-correlation-id': 'corr-relayed' } });
    });
    const last = await consume(third);

    let rootTraceId = '';
    await inSpan('webhook', { kind: SpanKind.SERVER }, async (span) => {
      rootTraceId = span.spanContext().traceId;
      await publisher.publish([{ topic: first, key: 'k', value: { hop: 1 }, metadata: testMetadata(`${first}-1`) }]);
    });
    await eventually(() => stored.length === 1, 'the stored trace context');
    await publisher.relay([{ topic: third, key: 'k', value: Buffer.from('{"hop":3}'), headers: stored[0]!.headers }]);
    const [relayed] = await last.waitFor(1);
    await tracing.forceFlush();
    await eventually(() => exporter.getFinishedSpans().some((span) => span.name === `process ${third}`), 'the last process span');

    const root = spanNamed('webhook');
    const publishFirst = spanNamed(`publish ${first}`);
    const processFirst = spanNamed(`process ${first}`);
    const work = spanNamed('work on a');
    const publishSecond = spanNamed(`publish ${second}`);
    const processSecond = spanNamed(`process ${second}`);
    const relay = spanNamed(`publish ${third}`);
    const processThird = spanNamed(`process ${third}`);
    const chain = [root, publishFirst, processFirst, work, publishSecond, processSecond, relay, processThird];
    expect(new Set(chain.map((span) => span.spanContext().traceId))).toEqual(new Set([rootTraceId]));
    expect(chain.slice(1).map(parentOf)).toEqual(chain.slice(0, -1).map((span) => span.spanContext().spanId));
    expect([publishFirst.kind, processFirst.kind, relay.kind]).toEqual([SpanKind.PRODUCER, SpanKind.CONSUMER, SpanKind.PRODUCER]);
    expect(processFirst.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': first, 'messaging.operation.type': 'process' });
    // The relayed message carries the relay span's context, not the stored one.
    expect(relayed!.headers[TraceHeaders.traceparent]).toBe(`00-${rootTraceId}-${relay.spanContext().spanId}-01`);
  });

  it('gives each message of one batch a process span in its own trace', async () => {
    const topic = await freshTopic('trace-batch');
    const roots: string[] = [];
    for (const n of [1, 2, 3]) {
      await inSpan(`root ${n}`, {}, async (span) => {
        roots.push(span.spanContext().traceId);
        await publisher.publish([{ topic, key: 'k', value: { n }, metadata: testMetadata(`${topic}-${n}`) }]);
      });
    }
    const consumer = await consume(topic);
    await consumer.waitFor(3);
    await tracing!.forceFlush();
    const processTraces = exporter.getFinishedSpans().filter((span) => span.name === `process ${topic}`).map((span) => span.spanContext().traceId);
    expect(processTraces.sort()).toEqual([...roots].sort());
  });
});
