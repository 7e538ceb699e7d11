import { FactoryProvider, InjectionToken } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { KafkaPublisher, KafkaSettings } from '@whdb/kafka';
import { LOGGER, Metrics, ReadinessRegistry } from '@whdb/platform';
import { KAFKA_PUBLISHER, KAFKA_SETTINGS } from '../tokens';
import { TopicProvisioner } from '../topic-provisioner';
import { BatchHandler } from './batch-handler';
import { ConsumerHost, ConsumerHostOptions } from './consumer-host';

/**
 * Registers a worker's consumer: `providers: [MyUseCase, consumerHost(MyUseCase, {...})]` in the
 * worker's module (with `KafkaModule` imported). The use case is the only code the worker writes.
 */
export function consumerHost(handler: InjectionToken<BatchHandler>, options: ConsumerHostOptions): FactoryProvider<ConsumerHost> {
  return {
    provide: ConsumerHost,
    inject: [handler, KAFKA_SETTINGS, KAFKA_PUBLISHER, TopicProvisioner, Metrics, ReadinessRegistry, LOGGER],
    useFactory: (
      useCase: BatchHandler,
      settings: KafkaSettings,
      publisher: KafkaPublisher,
      topics: TopicProvisioner,
      metrics: Metrics,
      readiness: ReadinessRegistry,
      logger: Logger,
    ) => new ConsumerHost(useCase, options, { settings, publisher, topics, metrics, readiness, logger }),
  };
}
