import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { Logger, SecretBox } from '@whdb/core';
import { KafkaPublisher, Topics } from '@whdb/kafka';
import { DataSource, ServiceIntegrationRepository } from '@whdb/persistence';
import { LOGGER } from '@whdb/platform';
import { findReplicator, replicatorNames } from '@whdb/replicators';
import { DATA_SOURCE, DatabaseModule, IntegrationCache, KAFKA_PUBLISHER, KafkaModule, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { IngressConfig } from './ingress.config';
import { InboundPublisher } from './webhooks/inbound-publisher';

import { RejectionLog } from './webhooks/rejection-log';
import { ReceiveWebhookUseCase } from './webhooks/receive-webhook.use-case';
import { MAX_BODY_BYTES, RawBodyMiddleware } from './webhooks/raw-body.middleware';
import { ServiceIntegrationWebhookController } from './webhooks/service-integration-webhook.controller';

/** Wires the webhook endpoint to Postgres (integration lookup) and Kafka (durable hand-off). */
@Module({})
export class IngressModule implements NestModule {
  static forRoot(config: IngressConfig): DynamicModule {
    return {
      module: IngressModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-ingress' }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'whdb-ingress',
          sendTimeoutMs: config.WHDB_KAFKA_SEND_TIMEOUT_MS,
          kafkaGatesReadiness: false,
          topics: [...replicatorNames().map((name) => ({ name: Topics.inbound(name) })), { name: Topics.webhooksRejected }],
        }),
        SecretBoxModule.forRoot(config.WHDB_ENCRYPTION_KEY),
      ],
      controllers: [ServiceIntegrationWebhookController],
      providers: [
        {
          provide: IntegrationCache,
          inject: [DATA_SOURCE, SECRET_BOX],
          useFactory: (dataSource: DataSource, secretBox: SecretBox) => {
            const repository = new ServiceIntegrationRepository(dataSource, secretBox);
            return new IntegrationCache((opaqueId) => repository.findByOpaqueId(opaqueId), config.WHDB_INTEGRATION_CACHE_SECONDS * 1000);
          },
        },
        {
          provide: RejectionLog,
          inject: [KAFKA_PUBLISHER, LOGGER],
          useFactory: (publisher: KafkaPublisher, logger: Logger) => new RejectionLog(publisher, logger.child({ component: 'rejection-log' })),
        },
        { provide: MAX_BODY_BYTES, useValue: config.WHDB_MAX_BODY_BYTES },
        RawBodyMiddleware,
        {
          provide: ReceiveWebhookUseCase,
          inject: [IntegrationCache, KAFKA_PUBLISHER, RejectionLog, LOGGER],
          useFactory: (integrations: IntegrationCache, publisher: KafkaPublisher, rejections: RejectionLog, logger: Logger) =>
            new ReceiveWebhookUseCase({ integrations, findReplicator, publisher: new InboundPublisher(publisher), rejections, logger: logger.child({ component: 'webhooks' }) }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RawBodyMiddleware).forRoutes(ServiceIntegrationWebhookController);
  }
}
