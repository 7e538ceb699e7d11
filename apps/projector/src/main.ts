import 'reflect-metadata';
import { bootstrapWorker, loadConfig, runMain } from '@whdb/platform';
import { projectorConfigSchema } from './projector.config';
import { ProjectorModule } from './projector.module';

runMain(async () => {
  const config = loadConfig(projectorConfigSchema);
  await bootstrapWorker(ProjectorModule.forRoot(config), {
    service: `projector-${config.WHDB_REPLICATOR}`,
    port: config.PROBE_PORT,
    logLevel: config.LOG_LEVEL,
    config,
  });
});
