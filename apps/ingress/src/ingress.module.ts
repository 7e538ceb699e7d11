import { Module, DynamicModule } from '@nestjs/common';
import { Logger, MediaUrlSigner, SecretBox } from '@whdb/core';
import { KafkaPublisher, Topics } from '@whdb/kafka';
import { Database, ServiceIntegrationRepository, TemporaryDocumentRepository } from '@whdb/persistence';
import { encryptionKeyringOf, LOGGER, Metrics } from '@whdb/platform';
import { findReplicator, frontSignalwireMessageChannelAppV1Replicator, replicatorNames } from '@whdb/replicators';
import { DATABASE, DatabaseModule, KAFKA_PUBLISHER, KafkaModule, ResolvedIntegration, SECRET_BOX, SecretBoxModule } from '@whdb/service-kit';
import { IngressConfig } from './ingress.config';
import { StaleWhileErrorCache, StaleWhileErrorOptions } from './lookup/stale-while-error-cache';
import { InFlightBound } from './admission/in-flight-bound';
import { TenantRateLimits } from './admission/tenant-rate-limits';
import { TenantGate } from './admission/tenant-gate';
import { RefusalHold } from './admission/refusal-hold';
import { MediaRoute } from './media/media-route';
import { InboundPublisher } from './webhooks/inbound-publisher';
import { ReceiveWebhookUseCase } from './webhooks/receive-webhook.use-case';
import { FrontAppWebhookRoute } from './webhooks/front-app-webhook-route';
import { FrontIntegrationFinder, ReceiveFrontAppEventUseCase } from './webhooks/receive-front-app-event.use-case';
import { RejectionLog } from './webhooks/rejection-log';
import { WebhookRoute } from './webhooks/webhook-route';
import { channelIntegrations } from './channel/channel-integrations';
import { FrontChannelRoute } from './channel/front-channel-route';
import { ReceiveChannelEventUseCase } from './channel/receive-channel-event.use-case';

/** Integrations by company API URL, cached like the generic endpoint's lookups (only hits are kept, stale while Postgres is away). */
function frontIntegrationFinder(repository: ServiceIntegrationRepository, options: StaleWhileErrorOptions): FrontIntegrationFinder {
  const cache = new StaleWhileErrorCache<ResolvedIntegration[]>(async (key) => {
    const [serviceName, apiUrl] = key.split('\n') as [string, string];
    const found = await repository.findByServiceAndApiUrl(serviceName, apiUrl);
    return found.length > 0 ? found : null;
  }, options);
  return { find: async (serviceName, apiUrl) => (await cache.get(`${serviceName}\n${apiUrl}`)) ?? [] };
}

/** How integration lookups are cached, and how stale they may be while Postgres cannot be read (docs/operations.md#postgres-down-at-the-ingress). */
function lookupOptions(config: IngressConfig, metrics: Metrics, logger: Logger, route: string): StaleWhileErrorOptions {
  const stale = metrics.counter({ name: 'whdb_ingress_stale_lookups_total', help: 'Integration lookups answered from a stale cache entry because Postgres could not be read', labelNames: ['route'] });
  let lastLogged = 0;
  return {
    ttlMs: config.WHDB_INTEGRATION_CACHE_SECONDS * 1000,
    staleMaxMs: config.WHDB_INGRESS_STALE_CACHE_MAX_SECONDS * 1000,
    loadTimeoutMs: config.WHDB_INGRESS_LOOKUP_TIMEOUT_MS,
    onStale: (_key, ageMs) => {
      stale.inc({ route });
      if (Date.now() - lastLogged < 10_000) return;
      lastLogged = Date.now();
      logger.warn('integration lookup unavailable; verifying from the cache', { route, age_ms: Math.round(ageMs) });
    },
  };
}

/** Webhooks refused with 429, by the gate in front of the route or by the use case. */
export function rateLimitedCounter(metrics: Metrics) {
  return metrics.counter({ name: 'whdb_ingress_rate_limited_total', help: 'Webhooks refused with 429 by a per-tenant rate limit', labelNames: ['scope'] });
}

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
        // Postgres down does not make the ingress unready: it keeps accepting what it can verify (docs/operations.md#postgres-down-at-the-ingress).
        DatabaseModule.forRoot({ databaseUrl: config.DATABASE_URL, applicationName: 'whdb-ingress', gatesReadiness: false }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: 'whdb-ingress',
          sendTimeoutMs: config.WHDB_KAFKA_SEND_TIMEOUT_MS,
          lingerMs: config.WHDB_KAFKA_LINGER_MS,
          kafkaGatesReadiness: false,
          topics: [...replicatorNames().map((name) => ({ name: Topics.inbound(name) })), { name: Topics.webhooksRejected }],
        }),
        SecretBoxModule.forRoot(encryptionKeyringOf(config)),
      ],
      providers: [
        // One bound for every webhook route of this process (docs/operations.md#overload).
        { provide: InFlightBound, useValue: new InFlightBound(config.WHDB_INGRESS_MAX_IN_FLIGHT, config.WHDB_INGRESS_IN_FLIGHT_TENANT_ALLOWANCE) },
        // One set of per-tenant buckets, read by the gate in front of the route and spent by the use case (docs/operations.md#noisy-tenant).
        {
          provide: TenantRateLimits,
          useValue: new TenantRateLimits({
            perIntegration: config.WHDB_INGRESS_RATE_LIMIT_PER_INTEGRATION,
            perOrganization: config.WHDB_INGRESS_RATE_LIMIT_PER_ORGANIZATION,
            burstSeconds: config.WHDB_INGRESS_RATE_LIMIT_BURST_SECONDS,
          }),
        },
        {
          provide: TenantGate,
          inject: [StaleWhileErrorCache, TenantRateLimits],
          useFactory: (integrations: StaleWhileErrorCache<ResolvedIntegration>, limits: TenantRateLimits) =>
            new TenantGate({ organizationOf: (opaqueId) => integrations.peek(opaqueId)?.settings.organizationId, limits }),
        },
        {
          provide: RefusalHold,
          inject: [Metrics],
          useFactory: (metrics: Metrics) => {
            const overflow = metrics.counter({ name: 'whdb_ingress_rate_limit_unheld_total', help: '429s sent at once with Connection: close because WHDB_INGRESS_RATE_LIMIT_MAX_HELD were already held' });
            return new RefusalHold({ holdMs: config.WHDB_INGRESS_RATE_LIMIT_HOLD_MS, maxHeld: config.WHDB_INGRESS_RATE_LIMIT_MAX_HELD, onOverflow: () => overflow.inc() });
          },
        },
        {
          provide: StaleWhileErrorCache,
          inject: [DATABASE, SECRET_BOX, Metrics, LOGGER],
          useFactory: (database: Database, secretBox: SecretBox, metrics: Metrics, logger: Logger) => {
            const repository = new ServiceIntegrationRepository(database, secretBox);
            return new StaleWhileErrorCache((opaqueId) => repository.findByOpaqueId(opaqueId), lookupOptions(config, metrics, logger, 'webhooks'));
          },
        },
        {
          provide: RejectionLog,
          inject: [KAFKA_PUBLISHER, LOGGER],
          useFactory: (publisher: KafkaPublisher, logger: Logger) => new RejectionLog(publisher, logger.child({ component: 'rejection-log' })),
        },
        {
          provide: ReceiveWebhookUseCase,
          inject: [StaleWhileErrorCache, KAFKA_PUBLISHER, RejectionLog, LOGGER, Metrics, TenantRateLimits],
          useFactory: (integrations: StaleWhileErrorCache<ResolvedIntegration>, publisher: KafkaPublisher, rejections: RejectionLog, logger: Logger, metrics: Metrics, limits: TenantRateLimits) => {
            const limited = rateLimitedCounter(metrics);
            return new ReceiveWebhookUseCase({
              integrations,
              findReplicator,
              publisher: new InboundPublisher(publisher),
              rejections,
              logger: logger.child({ component: 'webhooks' }),
              limits,
              onLimited: (scope) => limited.inc({ scope }),
            });
          },
        },
        {
          provide: ReceiveFrontAppEventUseCase,
          inject: [DATABASE, SECRET_BOX, KAFKA_PUBLISHER, RejectionLog, LOGGER, Metrics],
          useFactory: (database: Database, secretBox: SecretBox, publisher: KafkaPublisher, rejections: RejectionLog, logger: Logger, metrics: Metrics) =>
            new ReceiveFrontAppEventUseCase({
              appSecret: config.FRONT_APP_SECRET,
              toleranceMs: config.WHDB_FRONT_TIMESTAMP_TOLERANCE_SECONDS * 1000,
              integrations: frontIntegrationFinder(new ServiceIntegrationRepository(database, secretBox), lookupOptions(config, metrics, logger, 'front-app')),
              findReplicator,
              publisher: new InboundPublisher(publisher),
              rejections,
              logger: logger.child({ component: 'front-app-webhooks' }),
            }),
        },
        {
          provide: FrontAppWebhookRoute,
          inject: [ReceiveFrontAppEventUseCase, RejectionLog, LOGGER],
          useFactory: (receive: ReceiveFrontAppEventUseCase, rejections: RejectionLog, logger: Logger) =>
            new FrontAppWebhookRoute(receive, rejections, config.WHDB_MAX_BODY_BYTES, logger.child({ component: 'front-app-webhooks' })),
        },
        {
          // Staged MMS media for SignalWire (docs/behaviour/media.md): signed with a key derived from WHDB_ENCRYPTION_KEY.
          provide: MediaRoute,
          inject: [DATABASE, LOGGER],
          useFactory: (database: Database, logger: Logger) =>
            new MediaRoute(new TemporaryDocumentRepository(database), new MediaUrlSigner(encryptionKeyringOf(config)), logger.child({ component: 'media' })),
        },
        {
          provide: ReceiveChannelEventUseCase,
          inject: [DATABASE, SECRET_BOX, KAFKA_PUBLISHER, RejectionLog, LOGGER],
          useFactory: (database: Database, secretBox: SecretBox, publisher: KafkaPublisher, rejections: RejectionLog, logger: Logger) =>
            new ReceiveChannelEventUseCase({
              appSecret: config.FRONT_SIGNALWIRE_CHANNEL_APP_SECRET,
              toleranceMs: config.WHDB_FRONT_TIMESTAMP_TOLERANCE_SECONDS * 1000,
              publicUrl: config.WHDB_PUBLIC_URL,
              replicator: frontSignalwireMessageChannelAppV1Replicator,
              integrations: channelIntegrations(database, secretBox, config.WHDB_INTEGRATION_CACHE_SECONDS * 1000, publisher, logger.child({ component: 'front-signalwire-channel' })),
              publisher: new InboundPublisher(publisher),
              rejections,
              logger: logger.child({ component: 'front-signalwire-channel' }),
            }),
        },
        {
          provide: FrontChannelRoute,
          inject: [ReceiveChannelEventUseCase, RejectionLog, LOGGER],
          useFactory: (receive: ReceiveChannelEventUseCase, rejections: RejectionLog, logger: Logger) =>
            new FrontChannelRoute(receive, rejections, config.WHDB_MAX_BODY_BYTES, logger.child({ component: 'front-signalwire-channel' })),
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
