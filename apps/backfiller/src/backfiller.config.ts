import { commonConfigSchema, Config, defineConfig, int, port, providerEndpointsConfigSchema } from '@whdb/platform';

/** Environment of the backfiller (docs/configuration.md#backfiller, CONTRACT configuration). */
export const backfillerConfigSchema = defineConfig({
  ...commonConfigSchema,
  ...providerEndpointsConfigSchema,
  PROBE_PORT: port({ default: 18003 }),
  WHDB_CONSUMER_SESSION_TIMEOUT_MS: int({ default: 30_000, min: 6000, max: 300_000 }),
  /** Timeout of one call to a provider's list endpoint. */
  WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS: int({ default: 30, min: 1, max: 300 }),
  /** Period of the incremental poll of replicators that ask for it (signalwire_message_v1); 0 disables it. */
  SIGNALWIRE_POLL_INTERVAL_SECONDS: int({ default: 60, min: 0, max: 86_400 }),
  /** Jobs one backfiller runs at once (each holds a database connection for its run). */
  WHDB_BACKFILL_CONCURRENCY: int({ default: 4, min: 1, max: 32 }),
  /** Runs of a job in all (the first included) when it fails with a retriable error (5xx, 429, timeout). */
  WHDB_BACKFILL_MAX_ATTEMPTS: int({ default: 3, min: 1, max: 20 }),
  /** Wait before the second run of a failed job; doubles per run, capped by WHDB_RETRY_BACKOFF_MAX_SECONDS (SPEC 7.2: 63 s). */
  WHDB_BACKFILL_RETRY_BASE_SECONDS: int({ default: 63, min: 1, max: 86_400 }),
  /** How often the backfiller looks in Postgres for jobs nobody runs (lost requests, locked integrations, crashed runs); 0 disables. */
  WHDB_BACKFILL_SWEEP_INTERVAL_SECONDS: int({ default: 30, min: 0, max: 86_400 }),
});

export type BackfillerConfig = Config<typeof backfillerConfigSchema>;
