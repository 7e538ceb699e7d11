import { commonConfigSchema, Config, defineConfig, int, oneOf, port } from '@whdb/platform';
import { replicatorNames } from '@whdb/replicators';

/** Environment of a projector; one Deployment per replicator (`WHDB_REPLICATOR`). */
export const projectorConfigSchema = defineConfig({
  ...commonConfigSchema,
  WHDB_REPLICATOR: oneOf(replicatorNames() as [string, ...string[]], { hint: 'the service_name this projector owns, e.g. increase_account_v1' }),
  PROBE_PORT: port({ default: 18003 }),
  /**
   * Most events folded into one Postgres transaction: a bound under a backlog (a backfill), where
   * larger transactions cost less per row (docs/performance.md#backfill); a quiet projector's
   * batches are what one fetch brings.
   */
  WHDB_PROJECTOR_BATCH_SIZE: int({ default: 2000, min: 1, max: 5000 }),
  /**
   * Under load, a fetch waits until this many bytes are ready (or `WHDB_PROJECTOR_FETCH_MAX_WAIT_MS`
   * passed), so transactions are large and cheap per event (docs/performance.md#projector).
   */
  WHDB_PROJECTOR_FETCH_MIN_BYTES: int({ default: 262_144, min: 1, max: 52_428_800 }),
  /** The longest a quiet projector lets an event wait for company before writing it. */
  WHDB_PROJECTOR_FETCH_MAX_WAIT_MS: int({ default: 100, min: 1, max: 10_000 }),
  /**
   * Partitions projected at the same time, each in its own transaction (its own outbox lane): one
   * partition's upsert overlaps another's commit and row-change publishing
   * (docs/performance.md#backfill). 1 handles them one after another.
   */
  WHDB_PROJECTOR_PARTITIONS_CONCURRENTLY: int({ default: 3, min: 1, max: 64 }),
  /** A crashed projector's partitions move to a live one after this long (broker minimum: 6 s). */
  WHDB_CONSUMER_SESSION_TIMEOUT_MS: int({ default: 30_000, min: 6000, max: 300_000 }),
});

export type ProjectorConfig = Config<typeof projectorConfigSchema>;
