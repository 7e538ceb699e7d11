import { Body, Controller, Get, Injectable, Module, Param, Post } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { ReadinessRegistry } from '../health/readiness-registry.service';
import { currentCorrelationId } from '../logging/correlation-context';
import { createLogger } from '../logging/json-logger';
import { InjectLogger } from '../logging/logger.token';
import { Metrics } from '../metrics/metrics.service';
import { bootstrapHttpService, bootstrapWorker, RunningService } from './bootstrap-http-service';

@Injectable()
class DatabaseCheck {
  healthy = true;

  constructor(readiness: ReadinessRegistry) {
    readiness.register('database', () => this.healthy);
  }
}

@Controller('v1/things')
class ThingsController {
  constructor(
    @InjectLogger() private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  @Get(':opaque_id')
  async read(@Param('opaque_id') opaqueId: string) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.logger.info('thing read', { opaque_id: opaqueId });
    this.metrics.counter({ name: 'things_read_total', help: 'Things read' }).inc();
    return { opaque_id: opaqueId, correlation_id: currentCorrelationId() };
  }

  @Post()
  create(@Body() body: unknown) {
    return { body, correlation_id: currentCorrelationId() };
  }

  @Get('boom/now')
  boom(): never {
    throw new Error('kaboom');
  }
}

@Module({ controllers: [ThingsController], providers: [DatabaseCheck] })
class TestAppModule {}

@Module({})
class TestWorkerModule {}

describe('bootstrapHttpService', () => {
  let service: RunningService;
  let lines: Record<string, unknown>[];

  beforeAll(async () => {
    lines = [];
    const logger = createLogger('test-api', { stream: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } });
    service = await bootstrapHttpService(TestAppModule, { service: 'test-api', port: 0, host: '127.0.0.1', logger, handleProcessSignals: false });
  });

  afterAll(async () => {
    await service.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, { headers });

  it('logs exactly one info line at start-up: "<service> listening" with the url', () => {
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.filter((line) => line.level !== 'debug')).toEqual([
      { time: expect.any(String), level: 'info', service: 'test-api', msg: 'test-api listening', url: service.url },
    ]);
  });

  it('serves /healthz', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ status: 'ok' });
  });

  it('serves /readyz: 200 when every check passes, 503 with the failing check otherwise', async () => {
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    await expect(ready.json()).resolves.toEqual({ status: 'ready', checks: { database: 'ok' } });

    const check = service.app.get(DatabaseCheck);
    check.healthy = false;
    try {
      const notReady = await get('/readyz');
      expect(notReady.status).toBe(503);
      await expect(notReady.json()).resolves.toEqual({ status: 'not_ready', checks: { database: 'error: check failed' } });
      expect(lines.find((line) => line.msg === 'not ready')).toMatchObject({ level: 'warn', checks: { database: 'error: check failed' } });
    } finally {
      check.healthy = true;
    }
  });

  it('adopts a sane x-correlation-id, echoes it and logs with it', async () => {
    const response = await get('/v1/things/svi_abc123', { 'x-correlation-id': 'req.ABC_1:2-3' });
    expect(response.headers.get('x-correlation-id')).toBe('req.ABC_1:2-3');
    await expect(response.json()).resolves.toEqual({ opaque_id: 'svi_abc123', correlation_id: 'req.ABC_1:2-3' });
    expect(lines.find((line) => line.msg === 'thing read')).toMatchObject({ correlation_id: 'req.ABC_1:2-3', opaque_id: 'svi_abc123' });
  });

  it('falls back to x-request-id, and replaces insane ids with a UUID', async () => {
    const fromRequestId = await get('/healthz', { 'x-request-id': 'lb-42' });
    expect(fromRequestId.headers.get('x-correlation-id')).toBe('lb-42');

    const insane = await get('/healthz', { 'x-correlation-id': 'has spaces<script>' });
    expect(insane.headers.get('x-correlation-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const tooLong = await get('/healthz', { 'x-correlation-id': 'a'.repeat(129) });
    expect(tooLong.headers.get('x-correlation-id')).not.toBe('a'.repeat(129));
  });

  it('keeps the correlation id through the JSON body parser', async () => {
    const response = await fetch(`${service.url}/v1/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'post-1' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(response.status).toBe(201);
    await expect(response.json()).resolves.toEqual({ body: { name: 'x' }, correlation_id: 'post-1' });
  });

  it('logs unhandled errors as JSON through the Nest adapter', async () => {
    const response = await get('/v1/things/boom/now', { 'x-correlation-id': 'boom-1' });
    expect(response.status).toBe(500);
    expect(lines.find((line) => line.msg === 'kaboom')).toMatchObject({
      level: 'error',
      context: 'ExceptionsHandler',
      correlation_id: 'boom-1',
      error: { name: 'Error', message: 'kaboom' },
    });
  });

  it('serves /metrics with request durations by route template, not raw path', async () => {
    await get('/v1/things/svi_zzz999');
    await get('/no/such/route/svi_nope');
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(
      'whdb_http_request_duration_seconds_count{service="test-api",method="GET",route="/v1/things/:opaque_id",status="200"} 2',
    );
    expect(text).toContain('whdb_http_request_duration_seconds_count{service="test-api",method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('whdb_things_read_total{service="test-api"}');
    expect(text).toContain('whdb_process_cpu_user_seconds_total{service="test-api"}');
    expect(text).not.toMatch(/svi_zzz999|svi_nope/);
  });
});

describe('bootstrapWorker', () => {
  it('serves only probes and metrics, and close() reports not ready then stops listening', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('test-worker', { stream: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } });
    const worker = await bootstrapWorker(TestWorkerModule, { service: 'test-worker', port: 0, logger, handleProcessSignals: false, defaultMetrics: false });
    expect(worker.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${worker.url}/metrics`)).status).toBe(200);
    expect(lines.filter((line) => line.level === 'info').map((line) => line.msg)).toEqual(['test-worker listening']);

    const closing = worker.close();
    expect(worker.close()).toBe(closing);
    await closing;
    expect(worker.app.get(ReadinessRegistry).isShuttingDown).toBe(true);
    await expect(fetch(`${worker.url}/healthz`)).rejects.toThrow();
  });
});
