import { randomUUID } from 'node:crypto';
import { AppError, assertTopicName, Logger } from '@whdb/core';
import { ConsumedMessage, toConsumedMessage } from './consumed-message';
import { createKafkaClient } from './kafka-client-factory';
import { toKafkaAppError } from './kafka-errors';
import { KafkaSettings } from './kafka-settings';

export interface TopicScanOptions {
  /** Fails the scan when no batch arrives for this long (default 60 s): the broker is gone or stuck. */
  readonly idleTimeoutMs?: number;
  /** Stops the scan early (resolves with what was read so far). */
  readonly signal?: AbortSignal;
}

export interface TopicScanResult {
  readonly messagesRead: number;
  /** Each partition's offsets `[low, end)` that were read. */
  readonly partitions: readonly { readonly partition: number; readonly low: string; readonly end: string }[];
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * Reads a topic from its oldest retained message up to the end it had when the scan started, handing
 * the messages to `onBatch` one partition batch at a time, in offset order (docs/behaviour/history.md#enabling-it-later).
 * A throwaway consumer group that never commits (deleted afterwards); messages written after the
 * start are left to the regular consumers. `onBatch` failing fails the scan.
 */
export async function scanTopicToEnd(
  settings: KafkaSettings,
  logger: Logger,
  topic: string,
  onBatch: (messages: readonly ConsumedMessage[]) => Promise<void>,
  options: TopicScanOptions = {},
): Promise<TopicScanResult> {
  assertTopicName(topic);
  const kafka = createKafkaClient(settings, logger);
  const admin = kafka.admin();
  let offsets: { partition: number; low: string; high: string }[];
  try {
    await admin.connect();
    offsets = await admin.fetchTopicOffsets(topic);
  } catch (error) {
    throw toKafkaAppError(error, `Reading the offsets of ${topic}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const partitions = offsets.map((o) => ({ partition: o.partition, low: o.low, end: o.high })).sort((a, b) => a.partition - b.partition);
  const ends = new Map(partitions.filter((p) => BigInt(p.end) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.end)]));
  if (ends.size === 0 || options.signal?.aborted) return { messagesRead: 0, partitions };

  const groupId = `whdb.topic-scan.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  let messagesRead = 0;
  let failure: unknown;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let idle: NodeJS.Timeout | undefined;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      failure = new AppError('kafka_unavailable', `Reading ${topic} stalled: no message for ${idleTimeoutMs} ms.`, { topic }, { retriable: true });
      finish();
    }, idleTimeoutMs);
  };
  const onAbort = () => finish();
  options.signal?.addEventListener('abort', onAbort);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    armIdle();
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const end = ends.get(batch.partition);
        if (end === undefined || failure !== undefined) return;
        armIdle();
        const wanted = batch.messages.filter((message) => BigInt(message.offset) < end).map((message) => toConsumedMessage(topic, batch.partition, message));
        try {
          if (wanted.length > 0) await onBatch(wanted);
        } catch (error) {
          failure = error;
          finish();
          return;
        }
        messagesRead += wanted.length;
        await heartbeat();
        if (BigInt(batch.lastOffset()) >= end - 1n) {
          ends.delete(batch.partition);
          consumer.pause([{ topic, partitions: [batch.partition] }]);
          if (ends.size === 0) finish();
        }
      },
    });
    await finished;
  } catch (error) {
    failure ??= toKafkaAppError(error, `Reading ${topic}`);
  } finally {
    clearTimeout(idle);
    options.signal?.removeEventListener('abort', onAbort);
    await consumer.disconnect().catch(() => undefined);
    const cleanup = kafka.admin();
    await cleanup
      .connect()
      .then(() => cleanup.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => cleanup.disconnect().catch(() => undefined));
  }
  if (failure !== undefined) throw failure;
  return { messagesRead, partitions };
}
