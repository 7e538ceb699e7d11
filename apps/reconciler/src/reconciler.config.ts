import { commonConfigSchema, Config, defineConfig, int, port } from '@whdb/platform';

/** Environment of the reconciler (docs/configuration.md#reconciler). */
export const reconcilerConfigSchema = defineConfig({
  ...commonConfigSchema,
  PROBE_PORT: port({ default: 18003 }),
  WHDB_CONSUMER_SESSION_TIMEOUT_MS: int({ default: 30_000, min: 6000, max: 300_000 }),
  /** Partitions of the two row-change topics reconciled side by side (docs/performance.md#channel-latency). */
  WHDB_RECONCILER_CONCURRENCY: int({ default: 6, min: 1, max: 64 }),
  /** How long a channel's settings (support number, Front channel id, parent) are reused before they are read again. */
  WHDB_INTEGRATION_CACHE_SECONDS: int({ default: 5, min: 0 }),
  /** Messages older than this are marked `skipped_due_to_age`, never sent nor imported (SPEC 15.1: 48 h). */
  FRONT_CHANNEL_SYNC_CUTOFF_SECONDS: int({ default: 172_800, min: 1 }),
  /** How often unconverged channel rows are swept; 0 disables the sweep. */
  WHDB_RECONCILER_SWEEP_INTERVAL_SECONDS: int({ default: 30, min: 0, max: 86_400 }),
  /** Wait before a command of an unconverged row is first re-issued; doubles up to WHDB_RETRY_BACKOFF_MAX_SECONDS. */
  WHDB_RECONCILER_RETRY_BASE_SECONDS: int({ default: 30, min: 1, max: 86_400 }),
  /** Issues of one row's command in all (the first included); then an org alert and no more. */
  WHDB_RECONCILER_MAX_ATTEMPTS: int({ default: 8, min: 1, max: 100 }),
});

export type ReconcilerConfig = Config<typeof reconcilerConfigSchema>;
