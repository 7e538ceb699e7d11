import { AppError, Logger } from '@whdb/core';
import { Kafka, Message, Producer } from 'kafkajs';
import { backoffDelayMs, withJitter } from './backoff';
import { createKafkaClient } from './kafka-client-factory';
import { describeError, toKafkaAppError } from './kafka-errors';
import { KafkaSettings } from './kafka-settings';
import { encodeOutgoingMessage, groupByTopic, OutgoingMessage, RawOutgoingMessage } from './outgoing-message';
import { continueTraces, inPublishSpan } from './producer-trace';
import { SendCoalescer } from './send-coalescer';
import { withDeadline } from './with-deadline';

export interface KafkaPublisherOptions {
  /** Longest a publish (or the first connect) may take before it fails with `kafka_unavailable`. Default 5000. */
  readonly sendTimeoutMs?: number;
  /** When idle, gather publishes for this long into one produce request (Kafka's `linger.ms`). Default 0. */
  readonly lingerMs?: number;
}

const DEFAULT_SEND_TIMEOUT_MS = 5000;
/** Retries inside one send (leader moves, a broker restarting); the send deadline bounds them anyway. */
const PRODUCER_RETRY = { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 };
/** Connecting and metadata: a refused connection fails in well under a second. */
const CLUSTER_RETRY = { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 };
const RECONNECT_BACKOFF = { initialMs: 250, maxMs: 5000 };
/** Most messages combined into one produce request. */
const MAX_COMBINED_MESSAGES = 500;
/** Most bytes combined into one produce request (brokers default to ~1 MB per record batch). */
const MAX_COMBINED_BYTES = 900 * 1024;

function toKafkaMessage(message: RawOutgoingMessage): Message {
  return { key: message.key, value: message.value, headers: { ...message.headers } };
}

/**
 * Publishes JSON events with CloudEvents headers through one idempotent producer (acks = all).
 *
 * Every publish either completes within `sendTimeoutMs` or rejects with a retriable
 * `AppError('kafka_unavailable')`, so callers (ingress) can answer 503 in bounded time. After a
 * failed send the producer is discarded and a new one is connected in the background: a send that
 * failed half-way must not leave the producer's sequence numbers in doubt, and a restarted broker
 * is picked up without restarting the process. `isReady()` reports whether a producer is connected.
 */
export class KafkaPublisher {
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectAttempt = 0;
  private closed = false;
  private readonly coalescer: SendCoalescer;

  private constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
    private readonly sendTimeoutMs: number,
    lingerMs: number,
  ) {
    this.coalescer = new SendCoalescer((messages) => this.send(messages), {
      maxBatchMessages: MAX_COMBINED_MESSAGES,
      maxBatchBytes: MAX_COMBINED_BYTES,
      maxQueueMs: sendTimeoutMs,
      lingerMs,
    });
  }

  /**
   * Creates a publisher and tries to connect within `sendTimeoutMs`. If Kafka is not reachable the
   * publisher is returned anyway, not ready, and keeps connecting in the background.
   */
  static async connect(
    settings: KafkaSettings,
    logger: Logger,
    options: KafkaPublisherOptions = {},
  ): Promise<KafkaPublisher> {
    const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
    if (!Number.isFinite(sendTimeoutMs) || sendTimeoutMs <= 0) {
      throw new AppError('config_invalid', `sendTimeoutMs must be a positive number, got ${sendTimeoutMs}`);
    }
    const publisherLogger = logger.child({ component: 'kafka-publisher', client_id: settings.clientId });
    const kafka = createKafkaClient(settings, logger, { maxRequestTimeoutMs: sendTimeoutMs, retry: CLUSTER_RETRY });
    const publisher = new KafkaPublisher(kafka, publisherLogger, sendTimeoutMs, options.lingerMs ?? 0);
    try {
      await withDeadline(publisher.ensureProducer(), sendTimeoutMs, 'Connecting the Kafka producer');
      publisherLogger.info('Kafka publisher connected', { brokers: settings.brokers });
    } catch (error) {
      publisherLogger.warn('Kafka is not reachable; the publisher keeps connecting in the background', {
        brokers: settings.brokers,
        error: describeError(error),
      });
      publisher.scheduleReconnect();
    }
    return publisher;
  }

  /** True while a producer is connected and its last send did not fail. */
  isReady(): boolean {
    return !this.closed && this.producer !== undefined;
  }

  /**
   * Publishes JSON events, grouped per topic into one batch request. While tracing is on, in a
   * `publish <topic>` span whose context travels in each message's `traceparent` header.
   */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    await inPublishSpan(messages, (trace) =>
      this.publishRaw(messages.map((message) => encodeOutgoingMessage(trace ? { ...message, headers: { ...message.headers, ...trace } } : message))),
    );
  }

  /**
   * Publishes messages recorded earlier (the outbox) byte for byte, except that a stored trace
   * context is continued by a `publish <topic>` span of its own (see `continueTraces`).
   */
  async relay(messages: readonly RawOutgoingMessage[]): Promise<void> {
    await continueTraces(messages, (traced) => this.publishRaw(traced));
  }

  /**
   * Publishes messages byte for byte (dead-lettering, redrive): same guarantees as `publish`.
   * Concurrent calls are combined into one produce request (see `SendCoalescer`).
   */
  async publishRaw(messages: readonly RawOutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (this.closed) {
      throw new AppError('kafka_unavailable', 'The Kafka publisher has been disconnected');
    }
    await this.coalescer.submit(messages);
  }

  private async send(messages: readonly RawOutgoingMessage[]): Promise<void> {
    const topicMessages = groupByTopic(messages).map(({ topic, messages: list }) => ({
      topic,
      messages: list.map(toKafkaMessage),
    }));
    let used: Producer | undefined;
    const send = (async () => {
      used = await this.ensureProducer();
      await used.sendBatch({ acks: -1, timeout: this.sendTimeoutMs, topicMessages });
    })();
    // A send abandoned at the deadline may reconnect a discarded producer while kafkajs retries it:
    // once it settles, make sure that producer ends up disconnected.
    send
      .finally(() => {
        if (used !== undefined && used !== this.producer) void used.disconnect().catch(() => undefined);
      })
      .catch(() => undefined);
    try {
      await withDeadline(send, this.sendTimeoutMs, 'Publishing to Kafka');
    } catch (error) {
      const topics = topicMessages.map(({ topic }) => topic);
      const appError = toKafkaAppError(error, 'Publishing to Kafka failed', { topics, count: messages.length });
      this.logger.warn('Publishing to Kafka failed', {
        topics,
        count: messages.length,
        code: appError.code,
        error: describeError(error),
      });
      if (appError.code !== 'payload_too_large') this.discardProducer(used);
      throw appError;
    }
  }

  /** Disconnects the producer and stops reconnecting; later publishes fail with `kafka_unavailable`. */
  async disconnect(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const producer = this.producer;
    this.producer = undefined;
    await this.connecting?.catch(() => undefined);
    if (producer) {
      await producer.disconnect().catch((error: unknown) => {
        this.logger.warn('Disconnecting the Kafka producer failed', { error: describeError(error) });
      });
    }
  }

  private ensureProducer(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    if (!this.connecting) {
      this.connecting = this.createProducer().finally(() => {
        this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  private async createProducer(): Promise<Producer> {
    // acks = -1 is set on every send; idempotence needs at most one in-flight request per broker in kafkajs.
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: PRODUCER_RETRY,
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await producer.disconnect().catch(() => undefined);
      throw new AppError('kafka_unavailable', 'The Kafka publisher has been disconnected');
    }
    this.producer = producer;
    this.reconnectAttempt = 0;
    return producer;
  }

  private discardProducer(failed: Producer | undefined): void {
    if (failed !== undefined && failed === this.producer) {
      this.producer = undefined;
      void failed.disconnect().catch(() => undefined);
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined || this.producer !== undefined) return;
    this.reconnectAttempt += 1;
    const delayMs = withJitter(backoffDelayMs(this.reconnectAttempt, RECONNECT_BACKOFF));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.ensureProducer().then(
        () => this.logger.info('Kafka publisher reconnected'),
        (error: unknown) => {
          this.logger.debug('Kafka publisher could not reconnect yet', {
            attempt: this.reconnectAttempt,
            error: describeError(error),
          });
          this.scheduleReconnect();
        },
      );
    }, delayMs);
    this.reconnectTimer.unref();
  }
}
