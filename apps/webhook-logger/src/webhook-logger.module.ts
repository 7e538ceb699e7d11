import { DynamicModule, Module } from '@nestjs/common';
import { ConsumerGroups, Logger, Topics } from '@whdb/core';
import { Database, LoggedWebhookRepository } from '@whdb/persistence';
import { LOGGER, Metrics } from '@whdb/platform';
import { replicatorNames } from '@whdb/replicators';
import { consumerHost, DATABASE, DatabaseModule, KafkaModule } from '@whdb/service-kit';
import { LogWebhooksUseCase } from './audit-log/log-webhooks.use-case';
import { LogTrimmerService } from './retention/log-trimmer.service';
import { retentionOf, WebhookLoggerConfig } from './webhook-logger.config';

/** Overrides for tests that need their own topics and group; production uses the catalog (docs/topics.md#catalog). */
export interface WebhookLoggerOverrides {
  readonly topics?: readonly string[];
  readonly groupId?: string;
}

/**
 * The webhook audit log writer (docs/behaviour/audit-log.md): consumes every inbound topic and
 * `whdb.webhooks.rejected` as its own consumer group, so the ingress never waits on it, and
 * writes each delivery to `whdb.logged_webhooks`; trims old rows periodically.
 */
@Module({})
export class WebhookLoggerModule {
  static forRoot(config: WebhookLoggerConfig, overrides: WebhookLoggerOverrides = {}): DynamicModule {
    const topics = overrides.topics ?? [...replicatorNames().map((name) => Topics.inbound(name)), Topics.webhooksRejected];
    const groupId = overrides.groupId ?? ConsumerGroups.webhookLogger;
    return {
      module: WebhookLoggerModule,
      imports: [
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-webhook-logger' }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'whdb-webhook-logger', topics: topics.flatMap((name) => [{ name }, { name: Topics.dlq(name) }]) }),
      ],
      providers: [
        {
          provide: LogWebhooksUseCase,
          inject: [DATABASE, LOGGER, Metrics],
          useFactory: (database: Database, logger: Logger, metrics: Metrics) => {
            const logged = metrics.counter({ name: 'whdb_webhook_logger_rows_total', help: 'Deliveries written to the audit log', labelNames: ['outcome'] });
            return new LogWebhooksUseCase({
              sink: new LoggedWebhookRepository(database),
              logger: logger.child({ component: 'audit-log' }),
              onLogged: ({ logged: inserted, duplicates }) => {
                logged.inc({ outcome: 'inserted' }, inserted);
                logged.inc({ outcome: 'duplicate' }, duplicates);
              },
            });
          },
        },
        consumerHost(LogWebhooksUseCase, {
          groupId,
          topics,
          maxBatchSize: config.WHDB_WEBHOOK_LOGGER_BATCH_SIZE,
          sessionTimeoutMs: config.WHDB_CONSUMER_SESSION_TIMEOUT_MS,
          metricPrefix: 'whdb_webhook_logger',
        }),
        {
          provide: LogTrimmerService,
          inject: [DATABASE, LOGGER, Metrics],
          useFactory: (database: Database, logger: Logger, metrics: Metrics) => {
            const trimmed = metrics.counter({ name: 'whdb_webhook_logger_trimmed_total', help: 'Audit-log rows truncated or deleted by retention', labelNames: ['action'] });
            return new LogTrimmerService(
              database,
              {
                retention: retentionOf(config),
                intervalMs: config.WHDB_LOGGED_WEBHOOK_TRIM_INTERVAL_SECONDS * 1000,
                onTrimmed: (result) => {
                  trimmed.inc({ action: 'truncated' }, result.truncated);
                  trimmed.inc({ action: 'deleted' }, result.deleted);
                },
              },
              logger.child({ component: 'retention' }),
            );
          },
        },
      ],
    };
  }
}
