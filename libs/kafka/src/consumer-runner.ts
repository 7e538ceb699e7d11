import { AppError, Logger } from '@whdb/core';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { backoffDelayMs, withJitter } from './backoff';
import { BatchProcessor, MessageBatchHandler, PartitionBatch } from './batch-processor';
import { toConsumedMessage } from './consumed-message';
import { ConsumerRunnerCounters, ConsumerRunnerObserver, ConsumerRunnerStats } from './consumer-runner-stats';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { resolveRetryPolicy, RetryPolicy } from './failure-policy';
import { createKafkaClient } from './kafka-client-factory';
import { describeError } from './kafka-errors';
import { KafkaPublisher } from './kafka-publisher';
import { KafkaSettings } from './kafka-settings';
import { tracedHandler } from './message-trace';

export interface ConsumerRunnerOptions {
  readonly settings: KafkaSettings;
  /** A name from `ConsumerGroups`. */
  readonly groupId: string;
  readonly topics: readonly (string | RegExp)[];
  /**
   * Called with up to `maxBatchSize` messages of one partition, in offset order. Resolve only once
   * their effects are durable (the DB transaction committed): offsets are committed after that.
   */
  readonly handler: MessageBatchHandler;
  /** Used to publish dead letters. */
  readonly publisher: KafkaPublisher;
  readonly logger: Logger;
  /** Default 500. */
  readonly maxBatchSize?: number;
  /** Default { initialMs: 200, maxMs: 30000, maxAttemptsForUnknownErrors: 5 }. */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Where a group without committed offsets starts. Default true: nothing published before the
   * group first ran is skipped.
   */
  readonly fromBeginning?: boolean;
  /**
   * The broker drops a member it has not heard from for this long (default 30000). kafkajs heartbeats
   * only between chunks and while backing off, so one handler call must finish well within it.
   */
  readonly sessionTimeoutMs?: number;
  /**
   * Broker-side batching: a fetch answers once this many bytes are available or `fetchMaxWaitMs`
   * passed (Kafka's `fetch.min.bytes`). Larger fetches make larger handler batches under load,
   * and cost at most `fetchMaxWaitMs` of latency when idle. Default 1 byte.
   */
  readonly fetchMinBytes?: number;
  /** Longest a fetch waits on the broker for new data (`fetch.max.wait.ms`). Default 500. */
  readonly fetchMaxWaitMs?: number;
  /** Partitions handled in parallel (the handler must then be safe to call concurrently). Default 1. */
  readonly partitionsConsumedConcurrently?: number;
  readonly observer?: ConsumerRunnerObserver;
}

type RunnerState = 'idle' | 'running' | 'stopping' | 'stopped';

const DEFAULT_MAX_BATCH_SIZE = 500;
const RELAUNCH_BACKOFF = { initialMs: 500, maxMs: 30_000 };
/**
 * Longest a fetch waits on the broker for new data. kafkajs' default (5 s) also delays stop(), which
 * waits for the fetch in flight; 500 ms is librdkafka's default (`fetch.wait.max.ms`).
 */
const FETCH_MAX_WAIT_MS = 500;
const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
const DEFAULT_HEARTBEAT_INTERVAL_MS = 3000;

/**
 * Consumes topics as one consumer group with at-least-once semantics: offsets are committed only
 * after the handler resolved (or the message's dead-letter copy was published). Failure policy: see
 * `BatchProcessor`. Survives broker outages: kafkajs restarts the consumer after retriable crashes,
 * and this runner relaunches it after any other crash, until `stop()`.
 */
export class ConsumerRunner {
  private readonly kafka: Kafka;
  private readonly logger: Logger;
  private readonly counters: ConsumerRunnerCounters;
  private readonly processor: BatchProcessor;
  private readonly abort = new AbortController();
  private state: RunnerState = 'idle';
  private consumer: Consumer | undefined;
  private launching: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private relaunchTimer: NodeJS.Timeout | undefined;
  private relaunchAttempt = 0;
  private joined = false;

  constructor(private readonly options: ConsumerRunnerOptions) {
    const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!options.groupId) throw new AppError('invalid_input', 'ConsumerRunner needs a groupId');
    if (options.topics.length === 0) throw new AppError('invalid_input', 'ConsumerRunner needs at least one topic');
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
      throw new AppError('invalid_input', `maxBatchSize must be a positive integer, got ${maxBatchSize}`);
    }
    this.logger = options.logger.child({ component: 'consumer-runner', group_id: options.groupId });
    this.kafka = createKafkaClient(options.settings, options.logger);
    this.counters = new ConsumerRunnerCounters(options.observer);
    const deadLetters = new DeadLetterPublisher(options.publisher, options.settings, this.logger);
    this.processor = new BatchProcessor({
      handler: tracedHandler(options.groupId, options.handler),
      deadLetter: (message, error) => deadLetters.publish(message, error),
      policy: resolveRetryPolicy(options.retry),
      maxBatchSize,
      logger: this.logger,
      counters: this.counters,
      signal: this.abort.signal,
    });
  }

  /**
   * Joins the group and starts consuming. If Kafka is unreachable it resolves anyway (not ready)
   * and keeps trying in the background.
   */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new AppError('invariant_violated', 'ConsumerRunner.start() may be called only once');
    this.state = 'running';
    try {
      await this.launch();
    } catch (error) {
      this.logger.warn('Could not start consuming; retrying in the background', { error: describeError(error) });
      this.scheduleRelaunch();
    }
  }

  /** Lets the current handler call finish and commit, then leaves the group and disconnects. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  /** True while the consumer is a member of its group. */
  isReady(): boolean {
    return this.state === 'running' && this.consumer !== undefined && this.joined;
  }

  stats(): ConsumerRunnerStats {
    return this.counters.snapshot();
  }

  private async shutdown(): Promise<void> {
    const wasRunning = this.state === 'running';
    this.state = 'stopping';
    this.abort.abort();
    clearTimeout(this.relaunchTimer);
    await this.launching?.catch(() => undefined);
    const consumer = this.consumer;
    this.consumer = undefined;
    this.joined = false;
    if (consumer) {
      await consumer.disconnect().catch((error: unknown) => {
        this.logger.warn('Disconnecting the consumer failed', { error: describeError(error) });
      });
    }
    this.state = 'stopped';
    if (wasRunning) this.logger.info('Consumer stopped', { stats: this.counters.snapshot() });
  }

  private launch(): Promise<void> {
    this.launching ??= this.createAndRun().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async createAndRun(): Promise<void> {
    const sessionTimeout = this.options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout,
      heartbeatInterval: Math.min(DEFAULT_HEARTBEAT_INTERVAL_MS, Math.floor(sessionTimeout / 3)),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.options.fetchMaxWaitMs ?? FETCH_MAX_WAIT_MS,
      minBytes: this.options.fetchMinBytes ?? 1,
      retry: { restartOnFailure: async () => this.state === 'running' },
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.joined = true;
      this.relaunchAttempt = 0;
      this.logger.info('Joined the consumer group', {
        member_id: event.payload.memberId,
        assignment: event.payload.memberAssignment,
      });
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      const { error, restart } = event.payload;
      this.logger.warn('Consumer crashed', { error: describeError(error), restart });
      if (!restart && this.state === 'running' && this.consumer === consumer) {
        this.consumer = undefined;
        this.scheduleRelaunch();
      }
    });
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
      if (this.state !== 'running') {
        throw new AppError('kafka_unavailable', 'The consumer runner was stopped while starting');
      }
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.onBatch(payload),
      });
    } catch (error) {
      if (this.consumer === consumer) this.consumer = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private scheduleRelaunch(): void {
    if (this.state !== 'running' || this.relaunchTimer !== undefined) return;
    this.relaunchAttempt += 1;
    const delayMs = withJitter(backoffDelayMs(this.relaunchAttempt, RELAUNCH_BACKOFF));
    this.relaunchTimer = setTimeout(() => {
      this.relaunchTimer = undefined;
      void this.relaunch();
    }, delayMs);
    this.relaunchTimer.unref();
  }

  private async relaunch(): Promise<void> {
    // A crash can be reported while a launch is still settling: wait for it, then decide.
    await this.launching?.catch(() => undefined);
    if (this.state !== 'running' || this.consumer !== undefined) return;
    try {
      await this.launch();
    } catch (error) {
      this.logger.warn('Could not restart the consumer; retrying', {
        attempt: this.relaunchAttempt,
        error: describeError(error),
      });
      this.scheduleRelaunch();
    }
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition } = payload.batch;
    if (payload.batch.messages.length === 0) return;
    const batch: PartitionBatch = {
      topic,
      partition,
      messages: payload.batch.messages.map((message) => toConsumedMessage(topic, partition, message)),
      isActive: () => this.state === 'running' && payload.isRunning() && !payload.isStale(),
      heartbeat: () => payload.heartbeat(),
      commit: async (offset) => {
        // Explicit offsets through the batch payload: kafkajs' consumer.commitOffsets() silently
        // does nothing once stop() has begun, and a graceful stop must commit the finished chunk.
        const next = (BigInt(offset) + 1n).toString();
        await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
        payload.resolveOffset(offset);
      },
    };
    await this.processor.process(batch);
  }
}
