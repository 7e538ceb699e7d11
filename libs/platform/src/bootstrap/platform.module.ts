import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { HealthModule } from '../health/health.module';
import { LOGGER } from '../logging/logger.token';
import { MetricsModule } from '../metrics/metrics.module';

export interface PlatformModuleOptions {
  readonly service: string;
  readonly logger: Logger;
  /** Node process metrics in /metrics. Default true. */
  readonly defaultMetrics?: boolean;
}

/**
 * What every service gets, globally: the `Logger` (token `LOGGER`), `ReadinessRegistry` with
 * /healthz and /readyz, `Metrics` with /metrics. Added by `bootstrapHttpService`/`bootstrapWorker`;
 * import it yourself only in tests that build a Nest app by hand.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [HealthModule, MetricsModule.forRoot({ service: options.service, defaultMetrics: options.defaultMetrics })],
      providers: [{ provide: LOGGER, useValue: options.logger }],
      exports: [LOGGER],
    };
  }
}
