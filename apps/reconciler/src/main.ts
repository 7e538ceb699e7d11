import 'reflect-metadata';
import { bootstrapWorker, loadConfig, runMain } from '@whdb/platform';
import { reconcilerConfigSchema } from './reconciler.config';
import { ReconcilerModule } from './reconciler.module';

runMain(async () => {
  const config = loadConfig(reconcilerConfigSchema);
  await bootstrapWorker(ReconcilerModule.forRoot(config), { service: 'reconciler', port: config.PROBE_PORT, logLevel: config.LOG_LEVEL, config });
});
