import 'reflect-metadata';
import { bootstrapWorker, loadConfig, runMain } from '@whdb/platform';
import { backfillerConfigSchema } from './backfiller.config';
import { BackfillerModule } from './backfiller.module';

runMain(async () => {
  const config = loadConfig(backfillerConfigSchema);
  await bootstrapWorker(BackfillerModule.forRoot(config), { service: 'backfiller', port: config.PROBE_PORT, logLevel: config.LOG_LEVEL, config });
});
