import { ConsumedMessage } from '@whdb/kafka';

/** Messages of one partition, in offset order: what a worker's use case handles at a time. */
export interface ConsumedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
}

/**
 * A worker's one use case. Resolve only once the batch's effects are durable: the host commits
 * the offsets afterwards. Throw an `AppError` with `retriable` for outages (the batch is retried
 * with backoff) and a final one for bad messages (they are isolated and dead-lettered).
 */
export interface BatchHandler {
  handleBatch(batch: ConsumedBatch): Promise<void>;
}
