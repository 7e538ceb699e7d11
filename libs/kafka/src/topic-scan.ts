import { AppError, Logger } from '@whdb/core';
import { ConsumedMessage } from './consumed-message';
import { KafkaSettings } from './kafka-settings';
import { LogScanner, ScannedBatch } from './log-scanner';

export interface TopicScanOptions {
  /** Fails the scan when no batch arrives for this long (default 60 s): the broker is gone or stuck. */
  readonly idleTimeoutMs?: number;
  /** Stops the scan early (resolves with what was read so far). */
  readonly signal?: AbortSignal;
  /** Largest fetch per partition (default: the `LogScanner`'s). */
  readonly maxBytesPerPartition?: number;
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
 * A bounded read on the `LogScanner` (a throwaway group that never commits); messages written after
 * the start are left to the regular consumers. `onBatch` failing fails the scan.
 */
export async function scanTopicToEnd(
  settings: KafkaSettings,
  logger: Logger,
  topic: string,
  onBatch: (messages: readonly ConsumedMessage[]) => Promise<void>,
  options: TopicScanOptions = {},
): Promise<TopicScanResult> {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  let messagesRead = 0;
  let failure: unknown;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let ends = new Map<number, bigint>();
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      failure = new AppError('kafka_unavailable', `Reading ${topic} stalled: no message for ${idleTimeoutMs} ms.`, { topic }, { retriable: true });
      finish();
    }, idleTimeoutMs);
  };

  const handle = async (batch: ScannedBatch): Promise<void> => {
    const end = ends.get(batch.partition);
    if (end === undefined || failure !== undefined) return;
    armIdle();
    const wanted = batch.messages.filter((message) => BigInt(message.offset) < end);
    try {
      if (wanted.length > 0) await onBatch(wanted);
    } catch (error) {
      failure = error;
      finish();
      throw error;
    }
    messagesRead += wanted.length;
    if (batch.next >= end) {
      ends.delete(batch.partition);
      if (ends.size === 0) finish();
    }
  };

  const scanner = new LogScanner({ settings, logger, topic, onBatch: handle, maxBytesPerPartition: options.maxBytesPerPartition });
  const onAbort = () => finish();
  options.signal?.addEventListener('abort', onAbort);
  try {
    const low = await scanner.startOffsets();
    const high = await scanner.endOffsets();
    const partitions = [...high.keys()].sort((a, b) => a - b).map((partition) => ({ partition, low: String(low.get(partition) ?? 0n), end: String(high.get(partition)!) }));
    ends = new Map(partitions.filter((p) => BigInt(p.end) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.end)]));
    if (ends.size === 0 || options.signal?.aborted) return { messagesRead: 0, partitions };
    armIdle();
    await scanner.start(low);
    await finished;
    if (failure !== undefined) throw failure;
    return { messagesRead, partitions };
  } finally {
    clearTimeout(idle);
    options.signal?.removeEventListener('abort', onAbort);
    await scanner.stop();
  }
}
