import 'reflect-metadata';
import { bootstrapWorker, loadConfig, runMain } from '@whdb/platform';
import { outboundSenderConfigSchema } from './outbound-sender.config';
import { OutboundSenderModule } from './outbound-sender.module';

runMain(async () => {
  const config = loadConfig(outboundSenderConfigSchema);
  await bootstrapWorker(OutboundSenderModule.forRoot(config), { service: 'outbound-sender', port: config.PROBE_PORT, logLevel: config.LOG_LEVEL, config });
});
