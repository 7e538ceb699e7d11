import { commonConfigSchema, Config, defineConfig, int, port, secret } from '@whdb/platform';

/** Environment of the ingress (docs/configuration.md#ingress). */
export const ingressConfigSchema = defineConfig({
  ...commonConfigSchema,
  INGRESS_PORT: port({ default: 18001 }),
  /** At most 4 MiB: a Kafka message carries the whole body (topics allow 8 MiB, docs/topics.md#creation-partitions-and-retention). */
  WHDB_MAX_BODY_BYTES: int({ default: 1_048_576, min: 1, max: 4_194_304 }),
  /** How long a resolved integration is reused before it is read again (a changed secret applies within it). */
  WHDB_INTEGRATION_CACHE_SECONDS: int({ default: 5, min: 0 }),
  /**
   * While Postgres cannot be read, an integration looked up at most this long ago is still verified
   * from the cache and its webhooks accepted (docs/operations.md#postgres-down-at-the-ingress); 0 turns that off.
   */
  WHDB_INGRESS_STALE_CACHE_MAX_SECONDS: int({ default: 3600, min: 0, max: 604_800 }),
  /** An integration lookup without an answer within this long counts as an outage (stale cache, else 503). */
  WHDB_INGRESS_LOOKUP_TIMEOUT_MS: int({ default: 2000, min: 50, max: 60_000 }),
  /** A publish that Kafka has not acknowledged within this long gets a 503. */
  WHDB_KAFKA_SEND_TIMEOUT_MS: int({ default: 5000, min: 100 }),
  /**
   * When idle, webhooks wait this long for company before their produce request leaves (Kafka's
   * `linger.ms`): one request for many webhooks, at the price of this much latency (docs/performance.md#ingress).
   */
  WHDB_KAFKA_LINGER_MS: int({ default: 1, min: 0, max: 100 }),
  /**
   * Webhook requests worked on at once; beyond it a request is shed with 503 + Retry-After before
   * anything is done with it (docs/operations.md#overload). 0 = unbounded.
   */
  WHDB_INGRESS_MAX_IN_FLIGHT: int({ default: 64, min: 0, max: 100_000 }),
  /**
   * With the bound full, an organization holding fewer than this many slots is still admitted (up
   * to twice the bound in all), so one tenant filling the bound cannot shed another's webhooks
   * (docs/operations.md#noisy-tenant). 0 = the plain bound.
   */
  WHDB_INGRESS_IN_FLIGHT_TENANT_ALLOWANCE: int({ default: 8, min: 0, max: 100_000 }),
  /** Verified webhooks per second one integration may send this replica; beyond it 429 + Retry-After (docs/operations.md#noisy-tenant). 0 = no limit. */
  WHDB_INGRESS_RATE_LIMIT_PER_INTEGRATION: int({ default: 1000, min: 0 }),
  /** The same for all integrations of one organization together. 0 = no limit. */
  WHDB_INGRESS_RATE_LIMIT_PER_ORGANIZATION: int({ default: 2000, min: 0 }),
  /** A tenant may burst this many seconds' worth of its rate at once. */
  WHDB_INGRESS_RATE_LIMIT_BURST_SECONDS: int({ default: 2, min: 1, max: 3600 }),
  /**
   * A 429 is held back this long (at most its Retry-After) before it is sent, so a client that
   * ignores Retry-After is paced to one try per connection per hold (docs/operations.md#noisy-tenant). 0 = answer at once.
   */
  WHDB_INGRESS_RATE_LIMIT_HOLD_MS: int({ default: 1000, min: 0, max: 60_000 }),
  /** 429s held at once; beyond it a 429 is sent at once with `Connection: close`. */
  WHDB_INGRESS_RATE_LIMIT_MAX_HELD: int({ default: 10_000, min: 0, max: 100_000 }),
  /** Signs Front application events at `/v1/install/front/webhook`; unset, that route answers 503 (docs/replicators/front_message_v1.md#routing). */
  FRONT_APP_SECRET: secret({ optional: true }),
  /** The SignalWire channel's Front app id (JWT issuer; used by the outbound sender, accepted here so one environment serves both). */
  FRONT_SIGNALWIRE_CHANNEL_APP_ID: secret({ optional: true }),
  /** Signs Front's calls to the SignalWire channel (docs/behaviour/channel.md#endpoint); unset, the channel endpoint answers 503. */
  FRONT_SIGNALWIRE_CHANNEL_APP_SECRET: secret({ optional: true }),
  /** A Front event whose `X-Front-Request-Timestamp` is further than this from now is refused as stale. */
  WHDB_FRONT_TIMESTAMP_TOLERANCE_SECONDS: int({ default: 300, min: 1, max: 86_400 }),
});

export type IngressConfig = Config<typeof ingressConfigSchema>;
