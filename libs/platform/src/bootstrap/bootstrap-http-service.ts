import { DynamicModule, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@whdb/core';
import type { TracingHandle } from '@whdb/tracing';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeConfig } from '../config/load-config';
import { ReadinessRegistry } from '../health/readiness-registry.service';
import { correlationIdMiddleware } from '../http/correlation-id.middleware';
import { RawRoute } from '../http/raw-route';
import { installRawRoutes } from '../http/raw-route-dispatcher';
import { createLogger } from '../logging/json-logger';
import { LogLevel } from '../logging/log-level';
import { NestLoggerAdapter } from '../logging/nest-logger.adapter';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { Metrics } from '../metrics/metrics.service';
import { DEFAULT_SHUTDOWN_DEADLINE_MS, GracefulShutdown } from './graceful-shutdown';
import { PlatformModule } from './platform.module';
import { startServiceTracing } from './service-tracing';
import { stopAccepting } from './stop-accepting';

/** The app's root module: a class or `AppModule.forRoot(config)`. */
export type RootModule = Type<unknown> | DynamicModule | Promise<DynamicModule>;

export interface ServiceOptions {
  /** Service name: the `service` field of every log line and label of every metric. */
  readonly service: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** Default: all interfaces. */
  readonly host?: string;
  /** Threshold of the JSON logger (LOG_LEVEL). Default info. */
  readonly logLevel?: LogLevel;
  /** Replaces the JSON logger on stdout (tests). */
  readonly logger?: Logger;
  /** The loaded config, logged with secrets redacted at debug level. */
  readonly config?: object;
  /** Install SIGTERM/SIGINT/uncaught handlers that close the service and exit. Default true. */
  readonly handleProcessSignals?: boolean;
  /** Forced exit (1) after a signal if closing takes longer. Default 25 s. */
  readonly shutdownDeadlineMs?: number;
  /** Node process metrics in /metrics. Default true. */
  readonly defaultMetrics?: boolean;
  /** Runs after the platform middleware and before `listen` (pipes, filters, body parsers ...). */
  readonly configureApp?: (app: NestExpressApplication) => void | Promise<void>;
}

export interface HttpServiceOptions extends ServiceOptions {
  /** Nest's JSON/urlencoded parsers. Default true; ingress turns them off to read raw bodies. */
  readonly bodyParser?: boolean;
  /** Keep `req.rawBody` next to the parsed body (Nest's `rawBody`). Default false. */
  readonly rawBody?: boolean;
  /** Hot routes served before Nest and Express (see `RawRoute`), built once the app's providers exist. */
  readonly rawRoutes?: (app: NestExpressApplication) => readonly RawRoute[];
}

export interface RunningService {
  readonly app: NestExpressApplication;
  /** `http://host:port` the service listens on (127.0.0.1 when bound to all interfaces). */
  readonly url: string;
  readonly logger: Logger;
  /** Reports not ready, stops accepting, runs Nest's shutdown hooks. Idempotent. */
  close(signal?: string): Promise<void>;
}

@Module({})
class ServiceRootModule {}

let processShutdown: GracefulShutdown | undefined;

/**
 * Starts an HTTP service: Nest with the JSON logger, correlation ids, request metrics, /healthz,
 * /readyz, /metrics, graceful shutdown; then listens and logs one line `<service> listening`.
 */
export function bootstrapHttpService(rootModule: RootModule, options: HttpServiceOptions): Promise<RunningService> {
  return startService(rootModule, options, { bodyParser: options.bodyParser ?? true, rawBody: options.rawBody ?? false, rawRoutes: options.rawRoutes });
}

/**
 * Starts a worker (projector, reconciler ...): the same platform, with an HTTP server that only
 * serves /healthz, /readyz and /metrics.
 */
export function bootstrapWorker(rootModule: RootModule, options: ServiceOptions): Promise<RunningService> {
  return startService(rootModule, options, { bodyParser: false, rawBody: false });
}

async function startService(
  rootModule: RootModule,
  options: ServiceOptions,
  parsing: { readonly bodyParser: boolean; readonly rawBody: boolean; readonly rawRoutes?: HttpServiceOptions['rawRoutes'] },
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(options.service, { level: options.logLevel ?? 'info' });
  if (options.config) logger.debug('configuration', { config: describeConfig(options.config) });
  // Before Nest builds anything, so every span of the service has its provider and context manager.
  const tracing = await startServiceTracing(options.config, options.service, logger);
  const entry: DynamicModule = {
    module: ServiceRootModule,
    imports: [PlatformModule.forRoot({ service: options.service, logger, defaultMetrics: options.defaultMetrics }), rootModule],
  };
  // The JSON logger exists before Nest, so Nest logs through it from the first line (no buffering
  // needed) and a failing start-up is logged as JSON too; abortOnError:false lets runMain report it.
  const app = await NestFactory.create<NestExpressApplication>(entry, {
    logger: new NestLoggerAdapter(logger),
    abortOnError: false,
    bodyParser: parsing.bodyParser,
    rawBody: parsing.rawBody,
  });
  try {
    app.disable('x-powered-by');
    app.use(correlationIdMiddleware);
    app.use(httpMetricsMiddleware(app.get(Metrics)));
    await options.configureApp?.(app);
    if (parsing.rawRoutes) installRawRoutes(app.getHttpServer() as Server, parsing.rawRoutes(app), app.get(Metrics), logger);
    if (options.host === undefined) await app.listen(options.port);
    else await app.listen(options.port, options.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    await tracing?.shutdown().catch(() => undefined);
    throw error;
  }
  const url = listeningUrl(app.getHttpServer() as Server, options.host);
  const running = createRunningService(app, url, logger, options, tracing);
  logger.info(`${options.service} listening`, { url });
  return running;
}

function createRunningService(app: NestExpressApplication, url: string, logger: Logger, options: ServiceOptions, tracing: TracingHandle | null): RunningService {
  let closing: Promise<void> | undefined;
  const deadlineMs = options.shutdownDeadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS;
  const running: RunningService = {
    app,
    url,
    logger,
    close(signal?: string) {
      closing ??= (async () => {
        app.get(ReadinessRegistry).markShuttingDown();
        await stopAccepting(app.getHttpServer() as Server, Math.min(10_000, deadlineMs / 2));
        // Nest's close(signal) passes the signal to beforeApplicationShutdown/onApplicationShutdown;
        // the public typing omits the parameter.
        await (app as unknown as { close(signal?: string): Promise<void> }).close(signal);
        // The spans of the last work (a graceful stop finishes the batch in progress) are exported.
        await tracing?.shutdown().catch((error: unknown) => logger.warn('could not export the last spans', { error: error instanceof Error ? error.message : String(error) }));
        processShutdown?.remove(target);
        if (processShutdown?.size === 0) processShutdown = undefined;
      })();
      return closing;
    },
  };
  const target = { name: options.service, close: (signal?: string) => running.close(signal) };
  if (options.handleProcessSignals ?? true) {
    processShutdown ??= new GracefulShutdown({ logger, deadlineMs });
    processShutdown.add(target);
  }
  return running;
}

function listeningUrl(server: Server, host: string | undefined): string {
  const address = server.address() as AddressInfo | null;
  if (address === null) throw new Error('The HTTP server is not listening');
  const wildcard = host === undefined || host === '0.0.0.0' || host === '::';
  const shownHost = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}
