import { DynamicModule, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { Metrics, MetricsOptions } from './metrics.service';

/**
 * Serves GET /metrics and provides the injectable `Metrics` everywhere (global), so use cases
 * can declare counters and histograms without importing this module.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: Metrics, useFactory: () => new Metrics(options) }],
      exports: [Metrics],
    };
  }
}
