import { Module, DynamicModule } from '@nestjs/common';
import { Logger, SecretBox } from '@whdb/core';
import { KafkaPublisher, Topics } from '@whdb/kafka';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { LOGGER } from '@whdb/platform';
import { findReplicator, replicatorNames } from '@whdb/replicators';
import { DATABASE, DatabaseModule, IntegrationCache, KAFKA_PUBLISHER, KafkaModule, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { IngressConfig } from './ingress.config';
import { InboundPublisher } from './webhooks/inbound-publisher';
import { ReceiveWebhookUseCase } from './webhooks/receive-webhook.use-case';
import { RejectionLog } from './webhooks/rejection-log';
import { WebhookRoute } from './webhooks/webhook-route';

/**
 * Wires the webhook endpoint to Postgres (integration lookup) and Kafka (durable hand-off). The
 * endpoint is a raw route (`WebhookRoute`, docs/performance.md#ingress); Nest serves the probes.
 */
@Module({})
export class IngressModule {
  static forRoot(config: IngressConfig): DynamicModule {
    return {
      module: IngressModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-ingress' }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'whdb-ingress',
          sendTimeoutMs: config.WHDB_KAFKA_SEND_TIMEOUT_MS,
          lingerMs: config.WHDB_KAFKA_LINGER_MS,
          kafkaGatesReadiness: false,
          topics: [...replicatorNames().map((name) => ({ name: Topics.inbound(name) })), { name: Topics.webhooksRejected }],
        }),
        SecretBoxModule.forRoot(config.WHDB_ENCRYPTION_KEY),
      ],
      providers: [
        {
          provide: IntegrationCache,
          inject: [DATABASE, SECRET_BOX],
          useFactory: (database: Database, secretBox: SecretBox) => {
            const repository = new ServiceIntegrationRepository(database, secretBox);
            return new IntegrationCache((opaqueId) => repository.findByOpaqueId(opaqueId), config.WHDB_INTEGRATION_CACHE_SECONDS * 1000);
          },
        },
        {
          provide: RejectionLog,
          inject: [KAFKA_PUBLISHER, LOGGER],
          useFactory: (publisher: KafkaPublisher, logger: Logger) => new RejectionLog(publisher, logger.child({ component: 'rejection-log' })),
        },
        {
          provide: ReceiveWebhookUseCase,
          inject: [IntegrationCache, KAFKA_PUBLISHER, RejectionLog, LOGGER],
          useFactory: (integrations: IntegrationCache, publisher: KafkaPublisher, rejections: RejectionLog, logger: Logger) =>
            new ReceiveWebhookUseCase({ integrations, findReplicator, publisher: new InboundPublisher(publisher), rejections, logger: logger.child({ component: 'webhooks' }) }),
        },
        {
          provide: WebhookRoute,
          inject: [ReceiveWebhookUseCase, RejectionLog, LOGGER],
          useFactory: (receive: ReceiveWebhookUseCase, rejections: RejectionLog, logger: Logger) =>
            new WebhookRoute(receive, rejections, config.WHDB_MAX_BODY_BYTES, logger.child({ component: 'webhooks' })),
        },
      ],
    };
  }
}
