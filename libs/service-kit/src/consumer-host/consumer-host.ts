import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { ConsumerRunner, KafkaPublisher, KafkaSettings, RetryPolicy } from '@whdb/kafka';
import { Metrics, ReadinessRegistry } from '@whdb/platform';
import { TopicProvisioner } from '../topic-provisioner';
import { BatchHandler } from './batch-handler';

export interface ConsumerHostOptions {
  /** A name from `ConsumerGroups` (docs/topics.md#consumer-groups). */
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Most messages handed to the handler at once (default 500). */
  readonly maxBatchSize?: number;
  readonly sessionTimeoutMs?: number;
  /** Broker-side batching: a fetch waits for this many bytes, or `fetchMaxWaitMs` (see ConsumerRunner). */
  readonly fetchMinBytes?: number;
  readonly fetchMaxWaitMs?: number;
  /** Partitions handled in parallel (default 1); the handler must then be safe to call concurrently. */
  readonly partitionsConsumedConcurrently?: number;
  /** How failed messages are retried (default: 200 ms doubling up to 30 s); e.g. a cap of `WHDB_RETRY_BACKOFF_MAX_SECONDS`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Metric names start with this, e.g. `whdb_projector` gives `whdb_projector_events_total`. */
  readonly metricPrefix: string;
  /** Constant labels of those metrics, e.g. `{ service_name: 'increase_account_v1' }`. */
  readonly metricLabels?: Readonly<Record<string, string>>;
}

export interface ConsumerHostDependencies {
  readonly settings: KafkaSettings;
  readonly publisher: KafkaPublisher;
  readonly topics: TopicProvisioner;
  readonly metrics: Metrics;
  readonly readiness: ReadinessRegistry;
  readonly logger: Logger;
}

/**
 * What every worker needs around its use case (docs/architecture.md#workers): a consumer group
 * with at-least-once delivery (offsets committed after the handler resolves, retries with backoff,
 * dead letters), the `consumer` readiness check, Prometheus counters, a start once the topics exist
 * and a graceful stop (the handler call in progress finishes and commits) before shutdown.
 */
export class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runner: ConsumerRunner;
  private stopping = false;

  constructor(
    handler: BatchHandler,
    options: ConsumerHostOptions,
    private readonly deps: ConsumerHostDependencies,
  ) {
    const labels = options.metricLabels ?? {};
    const labelNames = Object.keys(labels);
    const prefix = options.metricPrefix;
    const events = deps.metrics.counter({ name: `${prefix}_events_total`, help: 'Messages handled and committed', labelNames });
    const deadLettered = deps.metrics.counter({ name: `${prefix}_dead_lettered_total`, help: 'Messages sent to the DLQ', labelNames: [...labelNames, 'code'] });
    const retries = deps.metrics.counter({ name: `${prefix}_retries_total`, help: 'Retried batches or messages', labelNames: [...labelNames, 'code'] });
    this.runner = new ConsumerRunner({
      settings: deps.settings,
      groupId: options.groupId,
      topics: options.topics,
      publisher: deps.publisher,
      logger: deps.logger.child({ component: 'consumer', group_id: options.groupId }),
      maxBatchSize: options.maxBatchSize,
      sessionTimeoutMs: options.sessionTimeoutMs,
      fetchMinBytes: options.fetchMinBytes,
      fetchMaxWaitMs: options.fetchMaxWaitMs,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
      retry: options.retry,
      handler: (messages) => handler.handleBatch({ topic: messages[0]!.topic, partition: messages[0]!.partition, messages }),
      observer: {
        onProcessed: (_topic, count) => events.inc(labels, count),
        onDeadLettered: (_topic, code) => deadLettered.inc({ ...labels, code }),
        onRetry: (_topic, code) => retries.inc({ ...labels, code }),
      },
    });
    deps.readiness.register('consumer', () => this.runner.isReady());
  }

  onApplicationBootstrap(): void {
    // Subscribe once the topics exist; until then the service reports not ready.
    void this.deps.topics.ready.then(() => (this.stopping ? undefined : this.runner.start()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.runner.stop();
  }
}
