import { commonConfigSchema, Config, defineConfig, int, oneOf, port } from '@whdb/platform';
import { replicatorNames } from '@whdb/replicators';

/** Environment of a projector; one Deployment per replicator (`WHDB_REPLICATOR`). */
export const projectorConfigSchema = defineConfig({
  ...commonConfigSchema,
  WHDB_REPLICATOR: oneOf(replicatorNames() as [string, ...string[]], { hint: 'the service_name this projector owns, e.g. increase_account_v1' }),
  PROBE_PORT: port({ default: 18003 }),
  /** Most events folded into one Postgres transaction. */
  WHDB_PROJECTOR_BATCH_SIZE: int({ default: 500, min: 1, max: 5000 }),
  /** A crashed projector's partitions move to a live one after this long (broker minimum: 6 s). */
  WHDB_CONSUMER_SESSION_TIMEOUT_MS: int({ default: 30_000, min: 6000, max: 300_000 }),
});

export type ProjectorConfig = Config<typeof projectorConfigSchema>;
