/** Counters of one consumer runner since it was constructed (for metrics). */
export interface ConsumerRunnerStats {
  /** Messages the handler processed successfully (and whose offsets were then committed). */
  readonly processed: number;
  /** Messages published to a dead-letter topic. */
  readonly deadLettered: number;
  /** Retries after a failure (of a chunk, a message, or a dead-letter publish). */
  readonly retries: number;
  /** Offset commits. */
  readonly commits: number;
}

/** Optional callbacks, e.g. to feed Prometheus counters labelled by topic. They must not throw. */
export interface ConsumerRunnerObserver {
  onProcessed?(topic: string, count: number): void;
  onDeadLettered?(topic: string, errorCode: string): void;
  onRetry?(topic: string, errorCode: string): void;
}

export class ConsumerRunnerCounters {
  private processed = 0;
  private deadLettered = 0;
  private retries = 0;
  private commits = 0;

  constructor(private readonly observer: ConsumerRunnerObserver = {}) {}

  recordProcessed(topic: string, count: number): void {
    this.processed += count;
    this.notify(() => this.observer.onProcessed?.(topic, count));
  }

  recordDeadLettered(topic: string, errorCode: string): void {
    this.deadLettered += 1;
    this.notify(() => this.observer.onDeadLettered?.(topic, errorCode));
  }

  recordRetry(topic: string, errorCode: string): void {
    this.retries += 1;
    this.notify(() => this.observer.onRetry?.(topic, errorCode));
  }

  recordCommit(): void {
    this.commits += 1;
  }

  snapshot(): ConsumerRunnerStats {
    return { processed: this.processed, deadLettered: this.deadLettered, retries: this.retries, commits: this.commits };
  }

  private notify(callback: () => void): void {
    try {
      callback();
    } catch {
      // Metrics must never break consumption.
    }
  }
}
