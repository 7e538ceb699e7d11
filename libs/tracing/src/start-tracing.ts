import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TRACER_NAME, setActiveTracer } from './tracing-state';
import { TraceExport, TracingSettings } from './tracing-settings';

/** A running tracing SDK. */
export interface TracingHandle {
  /** Exports every ended span now. */
  forceFlush(): Promise<void>;
  /** Exports what is left, then turns tracing off again (the no-op tracer, no context manager). */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for this process (docs/operations.md#tracing): a Node tracer
 * provider with `service.name`, the async-local-storage context manager, the W3C Trace Context
 * propagator, and a batch span processor in front of the exporter (OTLP/HTTP, protobuf or JSON).
 * The SDK packages are loaded only here, so a process without tracing never loads them. Sampling
 * and batching follow the SDK's own variables (`OTEL_TRACES_SAMPLER`, `OTEL_BSP_*`).
 */
export async function startTracing(settings: TracingSettings): Promise<TracingHandle> {
  const [{ NodeTracerProvider }, { resourceFromAttributes }, { ATTR_SERVICE_NAME }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const processor = await spanProcessorFor(settings.export);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors: [processor],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  setActiveTracer(provider.getTracer(TRACER_NAME));
  let stopped: Promise<void> | undefined;
  return {
    forceFlush: () => provider.forceFlush(),
    shutdown() {
      stopped ??= (async () => {
        setActiveTracer(undefined);
        try {
          await provider.shutdown();
        } finally {
          trace.disable();
          context.disable();
          propagation.disable();
        }
      })();
      return stopped;
    },
  };
}

async function spanProcessorFor(target: TraceExport): Promise<SpanProcessor> {
  const { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  switch (target.kind) {
    case 'exporter':
      return new SimpleSpanProcessor(target.exporter);
    case 'console':
      return new BatchSpanProcessor(new ConsoleSpanExporter());
    case 'otlp':
      return new BatchSpanProcessor(await otlpExporter(target.url, target.protocol));
  }
}

async function otlpExporter(url: string, protocol: 'http/protobuf' | 'http/json'): Promise<SpanExporter> {
  if (protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter({ url });
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url });
}
