import { Logger } from '@whdb/core';
import { isTracingEnabled, startTracing, TracingHandle } from '@whdb/tracing';
import { tracingSettingsOf } from '../config/tracing.config';

/**
 * Starts OpenTelemetry for a service when its config asks for it (docs/operations.md#tracing);
 * null when tracing stays off, or when another service of this process already started it.
 */
export async function startServiceTracing(config: object | undefined, service: string, logger: Logger): Promise<TracingHandle | null> {
  if (config === undefined || isTracingEnabled()) return null;
  const settings = tracingSettingsOf(config, service);
  if (settings === null) return null;
  const handle = await startTracing(settings);
  const target = settings.export.kind === 'otlp' ? { exporter: 'otlp', url: settings.export.url, protocol: settings.export.protocol } : { exporter: settings.export.kind };
  logger.info('tracing on', { service_name: settings.serviceName, ...target });
  return handle;
}
