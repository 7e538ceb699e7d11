import 'reflect-metadata';
import { bootstrapWorker, loadConfig, runMain } from '@whdb/platform';
import { webhookLoggerConfigSchema } from './webhook-logger.config';
import { WebhookLoggerModule } from './webhook-logger.module';

runMain(async () => {
  const config = loadConfig(webhookLoggerConfigSchema);
  await bootstrapWorker(WebhookLoggerModule.forRoot(config), { service: 'webhook-logger', port: config.PROBE_PORT, logLevel: config.LOG_LEVEL, config });
});
