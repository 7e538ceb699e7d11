import { Logger } from '@whdb/core';
import { backoffDelayMs, sleep, withJitter } from './backoff';
import { ConsumedMessage } from './consumed-message';
import { ConsumerRunnerCounters } from './consumer-runner-stats';
import { errorCodeOf, errorMessageOf } from './dead-letter';
import { decideOnFailure, isOutage, RetryPolicy } from './failure-policy';

/** Processes messages; resolves only once their effects are durable (e.g. the DB transaction committed). */
export type MessageBatchHandler = (messages: ConsumedMessage[]) => Promise<void>;

/** The messages fetched from one partition, in offset order, and what the runner may do with them. */
export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
  /** False once the runner stops or the partition is revoked: stop, leave the rest uncommitted. */
  isActive(): boolean;
  heartbeat(): Promise<void>;
  /** Records everything up to and including `offset` as done (commits offset + 1). */
  commit(offset: string): Promise<void>;
}

export interface BatchProcessorOptions {
  readonly handler: MessageBatchHandler;
  /** Publishes a message to its dead-letter topic; rejects if that did not happen. */
  readonly deadLetter: (message: ConsumedMessage, error: unknown) => Promise<void>;
  readonly policy: RetryPolicy;
  readonly maxBatchSize: number;
  readonly logger: Logger;
  readonly counters: ConsumerRunnerCounters;
  /** Aborted when the runner stops: wakes up backoff sleeps. */
  readonly signal: AbortSignal;
  readonly random?: () => number;
}

/** Longest sleep between two heartbeats while backing off (well under the session timeout). */
const HEARTBEAT_SLICE_MS = 1000;

/**
 * The consumer runner's failure policy, independent of the Kafka client: hands messages to the
 * handler in chunks, commits after each success, isolates failing chunks message by message, retries
 * outages forever, and dead-letters what can never succeed - committing past a message only once it
 * was processed or its dead-letter copy was published.
 */
export class BatchProcessor {
  constructor(private readonly options: BatchProcessorOptions) {}

  async process(batch: PartitionBatch): Promise<void> {
    const size = Math.max(1, this.options.maxBatchSize);
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!batch.isActive()) return;
      const chunk = batch.messages.slice(start, start + size);
      const completed = await this.processChunk(batch, chunk);
      if (completed < chunk.length) return;
      await batch.heartbeat();
    }
  }

  /** Returns how many messages of the chunk (a prefix) are done and committed. */
  private async processChunk(batch: PartitionBatch, chunk: ConsumedMessage[]): Promise<number> {
    for (let failures = 1; ; failures++) {
      const error = await this.tryHandle(chunk);
      if (error === undefined) {
        await this.completed(batch, chunk);
        return chunk.length;
      }
      if (chunk.length === 1) return (await this.settleFailure(batch, chunk[0], error)) ? 1 : 0;
      if (!isOutage(error)) return this.isolate(batch, chunk, error);
      // An outage (database or Kafka down) is not the messages' fault: retry the chunk as a whole.
      this.noteRetry(batch, chunk[0], error, failures, 'Handler failed on a chunk; retrying it');
      if (!(await this.pause(batch, failures, error))) return 0;
    }
  }

  private async isolate(batch: PartitionBatch, chunk: ConsumedMessage[], error: unknown): Promise<number> {
    this.options.logger.warn('Handler failed on a chunk; processing its messages one by one', {
      topic: batch.topic,
      partition: batch.partition,
      first_offset: chunk[0].offset,
      last_offset: chunk[chunk.length - 1].offset,
      code: errorCodeOf(error),
      error: errorMessageOf(error, 300),
    });
    for (let index = 0; index < chunk.length; index++) {
      if (!batch.isActive()) return index;
      const message = chunk[index];
      const failure = await this.tryHandle([message]);
      if (failure === undefined) await this.completed(batch, [message]);
      else if (!(await this.settleFailure(batch, message, failure))) return index;
    }
    return chunk.length;
  }

  /** Retries a failed message per the policy until it succeeds or is dead-lettered; false if stopped first. */
  private async settleFailure(batch: PartitionBatch, message: ConsumedMessage, firstError: unknown): Promise<boolean> {
    let error = firstError;
    for (let failures = 1; ; failures++) {
      if (decideOnFailure(error, failures, this.options.policy) === 'dead-letter') {
        return this.deadLetter(batch, message, error);
      }
      this.noteRetry(batch, message, error, failures, 'Handler failed on a message; retrying it');
      if (!(await this.pause(batch, failures, error))) return false;
      const next = await this.tryHandle([message]);
      if (next === undefined) {
        await this.completed(batch, [message]);
        return true;
      }
      error = next;
    }
  }

  private async deadLetter(batch: PartitionBatch, message: ConsumedMessage, error: unknown): Promise<boolean> {
    for (let failures = 1; ; failures++) {
      try {
        await this.options.deadLetter(message, error);
        break;
      } catch (publishError) {
        this.noteRetry(batch, message, publishError, failures, 'Dead-lettering a message failed; retrying');
        if (!(await this.pause(batch, failures))) return false;
      }
    }
    const code = errorCodeOf(error);
    this.options.counters.recordDeadLettered(batch.topic, code);
    this.options.logger.warn('Message sent to the dead-letter topic', {
      ...where(message),
      code,
      error: errorMessageOf(error, 300),
    });
    await this.commit(batch, message);
    return true;
  }

  private async tryHandle(messages: ConsumedMessage[]): Promise<unknown> {
    try {
      await this.options.handler(messages);
      return undefined;
    } catch (error) {
      return error ?? new Error('handler rejected without a reason');
    }
  }

  private async completed(batch: PartitionBatch, messages: ConsumedMessage[]): Promise<void> {
    this.options.counters.recordProcessed(batch.topic, messages.length);
    await this.commit(batch, messages[messages.length - 1]);
  }

  private async commit(batch: PartitionBatch, last: ConsumedMessage): Promise<void> {
    await batch.commit(last.offset);
    this.options.counters.recordCommit();
  }

  private noteRetry(batch: PartitionBatch, message: ConsumedMessage, error: unknown, failures: number, text: string): void {
    const code = errorCodeOf(error);
    this.options.counters.recordRetry(batch.topic, code);
    this.options.logger.warn(text, { ...where(message), code, failures, error: errorMessageOf(error, 300) });
  }

  /**
   * Sleeps the backoff delay after `failures` failures, heartbeating; false if the batch became
   * inactive. An error that says when to come back (`retryAfterSeconds`, e.g. a provider's 429
   * `Retry-After`) waits at least that long, up to the policy's cap.
   */
  private async pause(batch: PartitionBatch, failures: number, error?: unknown): Promise<boolean> {
    const backoffMs = withJitter(backoffDelayMs(failures, this.options.policy), 0.2, this.options.random);
    const delayMs = Math.max(backoffMs, Math.min(retryAfterMsOf(error), this.options.policy.maxMs));
    const until = Date.now() + delayMs;
    for (;;) {
      if (!batch.isActive()) return false;
      const remaining = until - Date.now();
      if (remaining <= 0) return true;
      await sleep(Math.min(remaining, HEARTBEAT_SLICE_MS), this.options.signal);
      if (!batch.isActive()) return false;
      await batch.heartbeat();
    }
  }
}

/** The wait an error asks for (`retryAfterSeconds`, as `HttpStatusError` carries a 429's `Retry-After`), else 0. */
function retryAfterMsOf(error: unknown): number {
  const seconds = typeof error === 'object' && error !== null ? (error as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function where(message: ConsumedMessage): Record<string, unknown> {
  return { topic: message.topic, partition: message.partition, offset: message.offset, key: message.key };
}
