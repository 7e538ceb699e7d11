import { bootstrapHttpService, HttpServiceOptions, RunningService } from '@whdb/platform';
import { ApiConfig } from './api.config';
import { ApiModule } from './api.module';
import { ApiModuleOptions } from './setup-and-backfill.providers';
import { RequestInputPipe } from './http/request-input.pipe';
import { unreadableBodyMiddleware } from './http/unreadable-body.middleware';
import { apiValidationPipe } from './http/validation.pipe';

/** How the api is served: `main.ts` and the integration tests share this wiring. */
export function apiServiceOptions(config: ApiConfig): HttpServiceOptions {
  return {
    service: 'api',
    port: config.API_PORT,
    logLevel: config.LOG_LEVEL,
    config,
    configureApp: (app) => {
      app.use(unreadableBodyMiddleware);
      // Input checks first: nothing reaches validation or a query with a control character in an id.
      app.useGlobalPipes(new RequestInputPipe(), apiValidationPipe());
    },
  };
}

/** Boots the control-plane API; `overrides` let tests pick port 0, a silent logger, no signal handlers. */
export function startApi(config: ApiConfig, overrides: Partial<HttpServiceOptions> = {}, moduleOptions: ApiModuleOptions = {}): Promise<RunningService> {
  return bootstrapHttpService(ApiModule.forRoot(config, moduleOptions), { ...apiServiceOptions(config), ...overrides });
}
