import { commonConfigSchema, Config, defineConfig, int, port } from '@whdb/platform';

/** Environment of the history writer (docs/configuration.md#history-writer). */
export const historyWriterConfigSchema = defineConfig({
  ...commonConfigSchema,
  PROBE_PORT: port({ default: 18003 }),
  WHDB_CONSUMER_SESSION_TIMEOUT_MS: int({ default: 30_000, min: 6000, max: 300_000 }),
  /** Most row changes handed to one history write. */
  WHDB_HISTORY_BATCH_SIZE: int({ default: 500, min: 1, max: 5000 }),
  /** How often the writer looks for integrations whose history was just switched on (to fill from the log). */
  WHDB_HISTORY_FILL_POLL_SECONDS: int({ default: 5, min: 1, max: 3600 }),
  /** A fill nobody advanced for this long is taken over (its writer died). */
  WHDB_HISTORY_FILL_STALE_SECONDS: int({ default: 300, min: 10, max: 86_400 }),
});

export type HistoryWriterConfig = Config<typeof historyWriterConfigSchema>;
