import 'reflect-metadata';
import { bootstrapHttpService, loadConfig, runMain } from '@whdb/platform';
import { apiConfigSchema } from './api.config';
import { ApiModule } from './api.module';
import { apiValidationPipe } from './http/validation.pipe';

runMain(async () => {
  const config = loadConfig(apiConfigSchema);
  await bootstrapHttpService(ApiModule.forRoot(config), {
    service: 'api',
    port: config.API_PORT,
    logLevel: config.LOG_LEVEL,
    config,
    configureApp: (app) => {
      app.useGlobalPipes(apiValidationPipe());
    },
  });
});
