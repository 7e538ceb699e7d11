import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InboundEvent, Logger } from '@whdb/core';
import { ConsumedMessage, ConsumerGroups, ConsumerRunner, KafkaPublisher, KafkaSettings, Topics } from '@whdb/kafka';
import { LOGGER, Metrics, ReadinessRegistry } from '@whdb/platform';
import { KAFKA_PUBLISHER, KAFKA_SETTINGS, TopicProvisioner } from '@whdb/service-kit';
import { ProjectInboundEventsUseCase } from './project-inbound-events.use-case';

export const PROJECTOR_OPTIONS = 'WHDB_PROJECTOR_OPTIONS';

export interface ProjectorOptions {
  readonly serviceName: string;
  readonly batchSize: number;
  readonly sessionTimeoutMs?: number;
  /** Overrides for tests that need their own topic and group; production uses the CONTRACT names. */
  readonly topic?: string;
  readonly groupId?: string;
}

/**
 * Consumes `whdb.inbound.<service_name>` as group `whdb.projector.<service_name>` and hands each
 * batch to the projection use case; offsets are committed after its transaction commits.
 */
@Injectable()
export class InboundConsumerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runner: ConsumerRunner;
  private stopping = false;

  constructor(
    @Inject(PROJECTOR_OPTIONS) options: ProjectorOptions,
    @Inject(KAFKA_SETTINGS) settings: KafkaSettings,
    @Inject(KAFKA_PUBLISHER) publisher: KafkaPublisher,
    @Inject(LOGGER) logger: Logger,
    @Inject(ProjectInboundEventsUseCase) private readonly project: ProjectInboundEventsUseCase,
    @Inject(TopicProvisioner) private readonly topics: TopicProvisioner,
    metrics: Metrics,
    readiness: ReadinessRegistry,
  ) {
    const events = metrics.counter({ name: 'whdb_projector_events_total', help: 'Inbound events projected', labelNames: ['service_name'] });
    const changed = metrics.counter({ name: 'whdb_projector_rows_changed_total', help: 'Rows inserted or updated', labelNames: ['service_name'] });
    const deadLettered = metrics.counter({ name: 'whdb_projector_dead_lettered_total', help: 'Events sent to the DLQ', labelNames: ['service_name', 'code'] });
    const retries = metrics.counter({ name: 'whdb_projector_retries_total', help: 'Retried batches or events', labelNames: ['service_name', 'code'] });
    const serviceName = options.serviceName;
    this.runner = new ConsumerRunner({
      settings,
      groupId: options.groupId ?? ConsumerGroups.projector(serviceName),
      topics: [options.topic ?? Topics.inbound(serviceName)],
      publisher,
      logger: logger.child({ component: 'inbound-consumer' }),
      maxBatchSize: options.batchSize,
      sessionTimeoutMs: options.sessionTimeoutMs,
      handler: async (messages: ConsumedMessage[]) => {
        const result = await this.project.execute(messages.map((m) => m.json<InboundEvent>()));
        changed.inc({ service_name: serviceName }, result.changed);
      },
      observer: {
        onProcessed: (_topic, count) => events.inc({ service_name: serviceName }, count),
        onDeadLettered: (_topic, code) => deadLettered.inc({ service_name: serviceName, code }),
        onRetry: (_topic, code) => retries.inc({ service_name: serviceName, code }),
      },
    });
    readiness.register('consumer', () => this.runner.isReady());
  }

  onApplicationBootstrap(): void {
    // Subscribe once the topics exist; until then the service reports not ready.
    void this.topics.ready.then(() => (this.stopping ? undefined : this.runner.start()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.runner.stop();
  }
}
