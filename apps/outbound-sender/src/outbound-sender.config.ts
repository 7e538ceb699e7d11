import { commonConfigSchema, Config, defineConfig, int, list, port, providerEndpointsConfigSchema, secret, str } from '@whdb/platform';

/** Environment of the outbound sender (docs/configuration.md#outbound-sender, CONTRACT configuration). */
export const outboundSenderConfigSchema = defineConfig({
  ...commonConfigSchema,
  ...providerEndpointsConfigSchema,
  PROBE_PORT: port({ default: 18003 }),
  /** Space-separated globs of numbers we may text; empty sends nothing (SPEC 0.4). */
  SIGNALWIRE_SMS_ALLOWLIST: list({ default: [] }),
  /** The Front channel app: JWT `iss`. Without it, Front imports are dead-lettered (docs/behaviour/outbound-sender.md#front-import). */
  FRONT_SIGNALWIRE_CHANNEL_APP_ID: str({ optional: true }),
  /** The Front channel app secret: the HS256 key of the channel JWT. */
  FRONT_SIGNALWIRE_CHANNEL_APP_SECRET: secret({ optional: true }),
  /** Timeout of one call to Front or SignalWire. */
  WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS: int({ default: 30, min: 1, max: 300 }),
  /**
   * Partitions of `whdb.commands.outbound` executed in parallel (one command at a time within each):
   * sends of different conversations overlap their provider calls (docs/performance.md#channel-latency).
   */
  WHDB_OUTBOUND_SENDER_CONCURRENCY: int({ default: 6, min: 1, max: 32 }),
  WHDB_CONSUMER_SESSION_TIMEOUT_MS: int({ default: 30_000, min: 6000, max: 300_000 }),
  /** How long a media URL handed to SignalWire stays valid (SPEC 15.7: 30 minutes). */
  WHDB_MEDIA_URL_TTL_SECONDS: int({ default: 1800, min: 60, max: 86_400 }),
  /** How long a staged attachment is kept (SPEC 15.7: 60 minutes); never shorter than its URL. */
  WHDB_MEDIA_DOCUMENT_TTL_SECONDS: int({ default: 3600, min: 60, max: 604_800 }),
  /** How often expired documents are deleted; 0 disables the sweep. */
  WHDB_MEDIA_SWEEP_INTERVAL_SECONDS: int({ default: 300, min: 0, max: 86_400 }),
});

export type OutboundSenderConfig = Config<typeof outboundSenderConfigSchema>;
