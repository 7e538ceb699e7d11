import 'reflect-metadata';
import { loadConfig, runMain } from '@whdb/platform';
import { apiConfigSchema } from './api.config';
import { startApi } from './api-service';

runMain(async () => {
  await startApi(loadConfig(apiConfigSchema));
});
