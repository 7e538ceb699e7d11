import { AppError, isAppError } from '@whdb/core';
import { RawOutgoingMessage } from './outgoing-message';

function sizeOf(messages: readonly RawOutgoingMessage[]): number {
  return messages.reduce((sum, m) => sum + (m.value?.length ?? 0) + (m.key?.length ?? 0), 0);
}

interface Pending {
  readonly messages: readonly RawOutgoingMessage[];
  readonly enqueuedAt: number;
  resolve(): void;
  reject(error: unknown): void;
}

export interface SendCoalescerOptions {
  /** Most messages in one combined send. */
  readonly maxBatchMessages: number;
  /** Most bytes (keys + values) in one combined send; a larger single submission goes alone. */
  readonly maxBatchBytes: number;
  /** A submission waiting longer than this for its turn fails with `kafka_unavailable`. */
  readonly maxQueueMs: number;
  /**
   * Kafka's `linger.ms`: when idle, wait this long for more submissions before sending (unless
   * `maxBatchMessages` arrive first). Default 0: send at once.
   */
  readonly lingerMs?: number;
}

/**
 * Combines concurrent publishes into one produce request: while a send is in flight, new
 * submissions queue up and leave together as the next send; when idle, an optional linger gathers
 * what arrives within `lingerMs` (docs/performance.md#ingress). Submissions keep their order, so per-key ordering holds. If a combined send
 * fails with an error that may be one message's fault (too large), each submission is retried
 * alone so the others are not punished for it.
 */
export class SendCoalescer {
  private readonly queue: Pending[] = [];
  private queuedMessages = 0;
  private draining = false;
  private lingering: NodeJS.Timeout | undefined;

  constructor(
    private readonly send: (messages: readonly RawOutgoingMessage[]) => Promise<void>,
    private readonly options: SendCoalescerOptions,
  ) {}

  submit(messages: readonly RawOutgoingMessage[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, enqueuedAt: Date.now(), resolve, reject });
      this.queuedMessages += messages.length;
      if (this.draining) return;
      const lingerMs = this.options.lingerMs ?? 0;
      if (lingerMs > 0 && this.queuedMessages < this.options.maxBatchMessages) {
        this.lingering ??= setTimeout(() => void this.drain(), lingerMs);
        return;
      }
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    clearTimeout(this.lingering);
    this.lingering = undefined;
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        if (batch.length > 0) await this.sendBatch(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let count = 0;
    let bytes = 0;
    const now = Date.now();
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (now - next.enqueuedAt > this.options.maxQueueMs) {
        this.queue.shift();
        this.queuedMessages -= next.messages.length;
        next.reject(new AppError('kafka_unavailable', 'Kafka did not take the message in time (queued behind a slow send)'));
        continue;
      }
      const size = sizeOf(next.messages);
      if (batch.length > 0 && (count + next.messages.length > this.options.maxBatchMessages || bytes + size > this.options.maxBatchBytes)) break;
      batch.push(this.queue.shift()!);
      this.queuedMessages -= next.messages.length;
      count += next.messages.length;
      bytes += size;
    }
    return batch;
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    try {
      await this.send(batch.flatMap((p) => p.messages));
      for (const pending of batch) pending.resolve();
    } catch (error) {
      if (batch.length > 1 && isAppError(error) && error.code === 'payload_too_large') {
        for (const pending of batch) await this.sendBatch([pending]);
        return;
      }
      for (const pending of batch) pending.reject(error);
    }
  }
}
