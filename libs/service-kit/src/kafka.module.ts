import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { KafkaPublisher, KafkaSettings, TopicSpec } from '@whdb/kafka';
import { LOGGER, ReadinessRegistry } from '@whdb/platform';
import { KAFKA_PUBLISHER, KAFKA_SETTINGS } from './tokens';
import { REQUIRED_TOPICS, TopicProvisioner } from './topic-provisioner';

export interface KafkaModuleOptions {
  readonly brokers: readonly string[];
  /** Identifies the service to the broker, e.g. `whdb-ingress`. */
  readonly clientId: string;
  /** A publish fails with `kafka_unavailable` after this long. Default 5000. */
  readonly sendTimeoutMs?: number;
  /** When idle, gather publishes for this long into one produce request. Default 0. */
  readonly lingerMs?: number;
  /**
   * Whether the service is "not ready" while Kafka is unreachable. The ingress says no: it keeps
   * answering 503 + Retry-After, which providers retry, instead of vanishing from the load balancer.
   */
  readonly kafkaGatesReadiness?: boolean;
  /** Topics this service publishes to or consumes, created at boot if missing. */
  readonly topics?: readonly TopicSpec[];
}

const KAFKA_GATES_READINESS = 'WHDB_KAFKA_GATES_READINESS';

/** Registers the `kafka` readiness check and flushes the producer on shutdown. */
@Injectable()
class KafkaLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(KAFKA_PUBLISHER) private readonly publisher: KafkaPublisher,
    @Inject(KAFKA_GATES_READINESS) gatesReadiness: boolean,
    readiness: ReadinessRegistry,
  ) {
    if (gatesReadiness) readiness.register('kafka', () => this.publisher.isReady());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}

/** Provides the idempotent `KafkaPublisher` (token `KAFKA_PUBLISHER`) and the `KafkaSettings`. */
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    const settings: KafkaSettings = { brokers: [...options.brokers], clientId: options.clientId };
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_SETTINGS, useValue: settings },
        {
          provide: KAFKA_PUBLISHER,
          inject: [LOGGER],
          useFactory: (logger: Logger) => KafkaPublisher.connect(settings, logger, { sendTimeoutMs: options.sendTimeoutMs, lingerMs: options.lingerMs }),
        },
        { provide: KAFKA_GATES_READINESS, useValue: options.kafkaGatesReadiness ?? true },
        KafkaLifecycle,
        { provide: REQUIRED_TOPICS, useValue: options.topics ?? [] },
        TopicProvisioner,
      ],
      exports: [KAFKA_PUBLISHER, KAFKA_SETTINGS, TopicProvisioner],
    };
  }
}
