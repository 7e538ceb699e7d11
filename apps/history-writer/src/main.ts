import 'reflect-metadata';
import { bootstrapWorker, loadConfig, runMain } from '@whdb/platform';
import { historyWriterConfigSchema } from './history-writer.config';
import { HistoryWriterModule } from './history-writer.module';

runMain(async () => {
  const config = loadConfig(historyWriterConfigSchema);
  await bootstrapWorker(HistoryWriterModule.forRoot(config), { service: 'history-writer', port: config.PROBE_PORT, logLevel: config.LOG_LEVEL, config });
});
