import { BeforeApplicationShutdown, DynamicModule, Inject, Module } from '@nestjs/common';
import { BackfillJobRecord, ConsumerGroups, Logger, SecretBox, Topics } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { Database, ErrorHandlerRepository, ServiceIntegrationRepository } from '@whdb/persistence';
import { encryptionKeyringOf, FetchHttpClient, LOGGER, Metrics, providerEndpointsFrom } from '@whdb/platform';
import { findReplicator, REPLICATORS } from '@whdb/replicators';
import { consumerHost, DATABASE, DatabaseModule, KAFKA_PUBLISHER, KafkaModule, OrgAlerts, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { BackfillerConfig } from './backfiller.config';
import { orgBackfillAlerts } from './jobs/backfill-alerts';
import { BackfillJobRunner } from './jobs/backfill-job-runner';
import { withBackfillerUserAgent } from './jobs/backfiller-http-client';
import { BackfillResourcePublisher } from './jobs/backfill-resource-publisher';
import { JobQueue } from './jobs/job-queue';
import { pokeAfterEndedRuns } from './jobs/poke-after-ended-runs';
import { JobSweepService } from './jobs/job-sweep.service';
import { BackfillerMetrics, prometheusBackfillerMetrics } from './metrics/backfiller-metrics';
import { BackfillRequestPublisher } from './requests/backfill-request-publisher';
import { TakeBackfillRequestsUseCase } from './requests/take-backfill-requests.use-case';
import { IncrementalPollScheduler } from './scheduler/incremental-poll.scheduler';

const METRICS = Symbol('BackfillerMetrics');
const QUEUE = Symbol('JobQueue');
const REQUESTS = Symbol('BackfillRequestPublisher');
/** How long shutdown waits for running jobs before leaving them to be resumed (docs/behaviour/backfill.md#resume). */
const SHUTDOWN_GRACE_MS = 10_000;

/** Closes the job queue when shutdown begins, before the database and Kafka go. */
class JobQueueCloser implements BeforeApplicationShutdown {
  constructor(@Inject(QUEUE) private readonly queue: JobQueue) {}
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close(SHUTDOWN_GRACE_MS);
  }
}

/**
 * The backfiller (docs/behaviour/backfill.md): consumes `whdb.backfill.requests` as
 * `whdb.backfiller`, runs jobs (lock per integration, resumable page loop, retries, cascade, alerts),
 * sweeps Postgres for jobs nobody runs and schedules the incremental polls. Resources go to
 * `whdb.inbound.<service_name>`, where the projectors write them.
 */
@Module({})
export class BackfillerModule {
  static forRoot(config: BackfillerConfig): DynamicModule {
    const endpoints = providerEndpointsFrom(config);
    const timeoutMs = config.WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS * 1000;
    const backfillable = REPLICATORS.filter((r) => r.descriptor.supportsBackfill);
    const published = [Topics.backfillRequests, ...backfillable.map((r) => Topics.inbound(r.descriptor.name))];
    return {
      module: BackfillerModule,
      imports: [
        // One connection per running job (its lock session) plus room for the page bookkeeping, sweep and scheduler.
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-backfiller', poolSize: config.WHDB_BACKFILL_CONCURRENCY * 2 + 4 }),
        KafkaModule.forRoot({ brokers: config.KAFKA_BROKERS, clientId: 'whdb-backfiller', topics: published.flatMap((name) => [{ name }, { name: Topics.dlq(name) }]) }),
        SecretBoxModule.forRoot(encryptionKeyringOf(config)),
      ],
      providers: [
        { provide: METRICS, inject: [Metrics], useFactory: (metrics: Metrics) => prometheusBackfillerMetrics(metrics) },
        { provide: REQUESTS, inject: [KAFKA_PUBLISHER], useFactory: (publisher: KafkaPublisher) => new BackfillRequestPublisher(publisher) },
        {
          provide: QUEUE,
          inject: [DATABASE, SECRET_BOX, KAFKA_PUBLISHER, REQUESTS, METRICS, LOGGER],
          useFactory: (database: Database, secretBox: SecretBox, publisher: KafkaPublisher, requests: BackfillRequestPublisher, metrics: BackfillerMetrics, logger: Logger) => {
            const handlers = new ErrorHandlerRepository(database);
            const alerts = new OrgAlerts({
              handlerUrls: async (organizationId) => (await handlers.listForOrganization(organizationId)).map((handler) => handler.url),
              http: new FetchHttpClient(),
              logger: logger.child({ component: 'org-alerts' }),
              policy: { maxDelayMs: config.WHDB_RETRY_BACKOFF_MAX_SECONDS * 1000 },
            });
            const integrations = new ServiceIntegrationRepository(database, secretBox);
            // Filled below: the sweep needs the queue, the queue's runs poke the sweep.
            const holder: { sweep?: JobSweepService } = {};
            const runner = new BackfillJobRunner({
              database,
              secretBox,
              findReplicator,
              http: withBackfillerUserAgent(new FetchHttpClient({ logger: logger.child({ component: 'provider-http' }), defaultTimeoutMs: timeoutMs })),
              providers: endpoints,
              providerTimeoutMs: timeoutMs,
              publisher: new BackfillResourcePublisher(publisher),
              alerts: orgBackfillAlerts(alerts),
              retry: { maxAttempts: config.WHDB_BACKFILL_MAX_ATTEMPTS, baseDelayMs: config.WHDB_BACKFILL_RETRY_BASE_SECONDS * 1000, maxDelayMs: config.WHDB_RETRY_BACKOFF_MAX_SECONDS * 1000 },
              metrics,
              logger: logger.child({ component: 'runner' }),
              enqueueChildren: async (children: readonly BackfillJobRecord[]) => {
                const withIntegrations = [];
                for (const job of children) {
                  const integration = await integrations.findById(job.serviceIntegrationId);
                  if (integration) withIntegrations.push({ job, integration });
                }
                await requests.request(withIntegrations).catch((error: unknown) => logger.warn('could not announce child jobs; the sweep runs them', { error }));
              },
            });
            const queue = new JobQueue(
              config.WHDB_BACKFILL_CONCURRENCY,
              pokeAfterEndedRuns(
                (jobId) => runner.run(jobId),
                () => holder.sweep?.poke(),
              ),
              logger.child({ component: 'queue' }),
            );
            holder.sweep = new JobSweepService(database, queue, config.WHDB_BACKFILL_SWEEP_INTERVAL_SECONDS * 1000, 100, logger.child({ component: 'sweep' }));
            return Object.assign(queue, { sweep: holder.sweep });
          },
        },
        { provide: JobSweepService, inject: [QUEUE], useFactory: (queue: JobQueue & { sweep: JobSweepService }) => queue.sweep },
        JobQueueCloser,
        {
          provide: TakeBackfillRequestsUseCase,
          inject: [DATABASE, QUEUE, LOGGER],
          useFactory: (database: Database, queue: JobQueue, logger: Logger) => new TakeBackfillRequestsUseCase(database, queue, logger.child({ component: 'requests' })),
        },
        consumerHost(TakeBackfillRequestsUseCase, {
          groupId: ConsumerGroups.backfiller,
          topics: [Topics.backfillRequests],
          maxBatchSize: 100,
          fetchMaxWaitMs: 100,
          sessionTimeoutMs: config.WHDB_CONSUMER_SESSION_TIMEOUT_MS,
          retry: { maxMs: config.WHDB_RETRY_BACKOFF_MAX_SECONDS * 1000 },
          metricPrefix: 'whdb_backfiller_requests',
        }),
        {
          provide: IncrementalPollScheduler,
          inject: [DATABASE, SECRET_BOX, REQUESTS, METRICS, LOGGER],
          useFactory: (database: Database, secretBox: SecretBox, requests: BackfillRequestPublisher, metrics: BackfillerMetrics, logger: Logger) =>
            new IncrementalPollScheduler({ database, secretBox, replicators: REPLICATORS, requests, metrics, logger: logger.child({ component: 'scheduler' }), intervalMs: config.SIGNALWIRE_POLL_INTERVAL_SECONDS * 1000 }),
        },
      ],
    };
  }
}
