import { randomUUID } from 'node:crypto';
import { AppError, assertTopicName, Logger, Topics } from '@whdb/core';
import { ConsumedMessage, toConsumedMessage } from './consumed-message';
import { createKafkaClient } from './kafka-client-factory';
import { toKafkaAppError } from './kafka-errors';
import { KafkaSettings } from './kafka-settings';

/** A partition's offsets: `low` is the first readable one, `high` the next one to be written. */
export interface PartitionOffsets {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

export interface TopicOffsets {
  readonly topic: string;
  readonly partitions: readonly PartitionOffsets[];
}

/** Offsets `[from, to)` of one partition to read. */
export interface OffsetRange {
  readonly partition: number;
  readonly from: bigint;
  readonly to: bigint;
}

const DEFAULT_READ_TIMEOUT_MS = 15_000;

/**
 * The dead-letter topics (`*.dlq`, docs/topics.md#dead-letter-topics) and their partitions'
 * offsets, by topic name.
 */
export async function listDeadLetterTopics(settings: KafkaSettings, logger: Logger): Promise<TopicOffsets[]> {
  const admin = createKafkaClient(settings, logger).admin();
  try {
    await admin.connect();
    const names = (await admin.listTopics()).filter((name) => Topics.isDlq(name)).sort();
    const result: TopicOffsets[] = [];
    for (const topic of names) {
      const offsets = await admin.fetchTopicOffsets(topic);
      result.push({ topic, partitions: offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })).sort((a, b) => a.partition - b.partition) });
    }
    return result;
  } catch (error) {
    throw toKafkaAppError(error, 'Listing dead-letter topics');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The offsets of one topic's partitions; `not_found` when the topic does not exist. */
export async function fetchTopicOffsets(settings: KafkaSettings, logger: Logger, topic: string): Promise<TopicOffsets> {
  assertTopicName(topic);
  const admin = createKafkaClient(settings, logger).admin();
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) throw new AppError('not_found', `There is no topic ${topic}.`, { topic });
    const offsets = await admin.fetchTopicOffsets(topic);
    return { topic, partitions: offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })).sort((a, b) => a.partition - b.partition) };
  } catch (error) {
    throw toKafkaAppError(error, `Reading the offsets of ${topic}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Reads the messages at the given offset ranges of a topic, for tools that browse a topic
 * (the DLQ admin api): a consumer of a throwaway group (deleted afterwards, never committing)
 * seeks to each range and stops once every range is read or `timeoutMs` passed; offsets that
 * hold no message (compaction, transaction markers) are simply absent from the result. Messages
 * come back in partition, then offset order.
 */
export async function readOffsetRanges(settings: KafkaSettings, logger: Logger, topic: string, ranges: readonly OffsetRange[], timeoutMs = DEFAULT_READ_TIMEOUT_MS): Promise<ConsumedMessage[]> {
  assertTopicName(topic);
  const wanted = ranges.filter((range) => range.to > range.from);
  if (wanted.length === 0) return [];
  const kafka = createKafkaClient(settings, logger);
  const groupId = `whdb.topic-reader.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  const byPartition = new Map<number, OffsetRange[]>();
  for (const range of wanted) byPartition.set(range.partition, [...(byPartition.get(range.partition) ?? []), range]);
  const pending = new Set(wanted);
  const collected: ConsumedMessage[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const partitionRanges = byPartition.get(batch.partition) ?? [];
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          for (const range of partitionRanges) {
            if (offset < range.from || offset >= range.to) continue;
            collected.push(toConsumedMessage(topic, batch.partition, message));
            if (offset === range.to - 1n) pending.delete(range);
          }
          // Past a range's end without its last offset (a gap): nothing more will come for it.
          for (const range of partitionRanges) if (offset >= range.to - 1n) pending.delete(range);
        }
        if (pending.size === 0) finish();
      },
    });
    for (const [partition, partitionRanges] of byPartition) {
      const first = partitionRanges.reduce((min, range) => (range.from < min ? range.from : min), partitionRanges[0]!.from);
      consumer.seek({ topic, partition, offset: first.toString() });
    }
    await finished;
  } catch (error) {
    throw toKafkaAppError(error, `Reading ${topic}`);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin.disconnect().catch(() => undefined));
  }
  const seen = new Set<string>();
  return collected
    .filter((message) => {
      const id = `${message.partition}:${message.offset}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
}
