import { randomUUID } from 'node:crypto';
import { assertTopicName, Logger } from '@whdb/core';
import { Admin, Consumer } from 'kafkajs';
import { ConsumedMessage, toConsumedMessage } from './consumed-message';
import { createKafkaClient } from './kafka-client-factory';
import { toKafkaAppError } from './kafka-errors';
import { KafkaSettings } from './kafka-settings';

/** The next offset to read (or the end of the log), per partition. */
export type PartitionPositions = ReadonlyMap<number, bigint>;

/** One partition's messages, in offset order, handed to the scanner's handler. */
export interface ScannedBatch {
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
  /** The next offset to read after this batch. */
  readonly next: bigint;
}

export interface LogScannerOptions {
  readonly settings: KafkaSettings;
  readonly logger: Logger;
  readonly topic: string;
  /** Called for every fetched batch; the scanner waits for it before the partition's next one. */
  readonly onBatch: (batch: ScannedBatch) => Promise<void>;
  /** Partitions whose batches are handled at the same time (default 1). */
  readonly partitionsConcurrently?: number;
  /** Largest fetch per partition (default 1 MiB). */
  readonly maxBytesPerPartition?: number;
  /** Largest fetch response over all partitions (default 2 MiB). */
  readonly maxBytes?: number;
}

/**
 * Fetch sizes of the scan. Kept small on purpose: kafkajs' connection appends every socket chunk
 * to the response read so far with `Buffer.concat`, so a response's copying grows with the square
 * of its size; the profile of a rebuild with 4 MiB per partition (and the 10 MiB default
 * response) spent more CPU there than in our own decoding (docs/performance.md#rebuild).
 */
const DEFAULT_MAX_BYTES_PER_PARTITION = 1024 * 1024;
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Reads a whole topic from its first retained offset onwards, without a consumer group's offsets
 * (a throwaway group that never commits and is deleted at the end): the table rebuild's view of
 * the log (docs/behaviour/rebuild.md#reading-the-log). It keeps reading what arrives until
 * `stop()`; `endOffsets()` says where the live end is, so the caller can measure its lag.
 */
export class LogScanner {
  private readonly kafka;
  private readonly groupId = `whdb.log-scanner.${randomUUID()}`;
  private consumer: Consumer | undefined;
  private admin: Admin | undefined;
  private failure: unknown;

  constructor(private readonly options: LogScannerOptions) {
    assertTopicName(options.topic);
    this.kafka = createKafkaClient(options.settings, options.logger);
  }

  /** The first retained offset of every partition (where a full read starts). */
  async startOffsets(): Promise<Map<number, bigint>> {
    return this.offsets('low');
  }

  /** The live end (high watermark) of every partition: the offset the next message will get. */
  async endOffsets(): Promise<Map<number, bigint>> {
    return this.offsets('high');
  }

  /** Starts reading every partition at `from` (missing partitions: their first offset). */
  async start(from: PartitionPositions): Promise<void> {
    const { topic } = this.options;
    const consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 250, maxBytesPerPartition: this.options.maxBytesPerPartition ?? DEFAULT_MAX_BYTES_PER_PARTITION, maxBytes: this.options.maxBytes ?? DEFAULT_MAX_BYTES, allowAutoTopicCreation: false });
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          if (batch.messages.length === 0 || this.failure !== undefined) return;
          const messages = batch.messages.map((message) => toConsumedMessage(topic, batch.partition, message));
          const last = batch.messages[batch.messages.length - 1]!;
          try {
            await this.options.onBatch({ partition: batch.partition, messages, next: BigInt(last.offset) + 1n });
          } catch (error) {
            // Kept for the owner to act on (`handlerFailure`); nothing more is read after it.
            this.failure = error;
            return;
          }
          resolveOffset(last.offset);
          await heartbeat();
        },
      });
      const low = await this.offsets('low');
      for (const [partition, first] of low) consumer.seek({ topic, partition, offset: (from.get(partition) ?? first).toString() });
    } catch (error) {
      throw toKafkaAppError(error, `Reading ${topic}`);
    }
  }

  /** The error the handler threw, if any: the scanner stops handing out batches after one. */
  handlerFailure(): unknown {
    return this.failure;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    const admin = await this.adminClient().catch(() => undefined);
    await admin?.deleteGroups([this.groupId]).catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  private async adminClient(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private async offsets(which: 'low' | 'high'): Promise<Map<number, bigint>> {
    try {
      const offsets = await (await this.adminClient()).fetchTopicOffsets(this.options.topic);
      return new Map(offsets.map((o) => [o.partition, BigInt(which === 'low' ? o.low : o.high)]));
    } catch (error) {
      throw toKafkaAppError(error, `Reading the offsets of ${this.options.topic}`);
    }
  }
}
