import { createLogger } from '../logging/json-logger';
import { ReadinessRegistry } from './readiness-registry.service';

describe('ReadinessRegistry', () => {
  it('is ready with no checks', async () => {
    await expect(new ReadinessRegistry().check()).resolves.toEqual({ ready: true, checks: {} });
  });

  it('runs every check and reports each result', async () => {
    const registry = new ReadinessRegistry();
    registry.register('sync', () => true);
    registry.register('async', async () => undefined);
    registry.register('false', () => false);
    registry.register('throws', () => {
      throw new Error('kafka producer disconnected');
    });
    registry.register('rejects', () => Promise.reject(new Error('connection refused')));
    await expect(registry.check()).resolves.toEqual({
      ready: false,
      checks: {
        sync: 'ok',
        async: 'ok',
        false: 'error: check failed',
        throws: 'error: kafka producer disconnected',
        rejects: 'error: connection refused',
      },
    });
  });

  it('times out slow checks', async () => {
    const registry = new ReadinessRegistry();
    registry.register('slow', () => new Promise<void>(() => undefined), { timeoutMs: 20 });
    await expect(registry.check()).resolves.toEqual({ ready: false, checks: { slow: 'error: timed out after 20 ms' } });
  });

  it('rejects duplicate names and unregisters', async () => {
    const registry = new ReadinessRegistry();
    const unregister = registry.register('db', () => false);
    expect(() => registry.register('db', () => true)).toThrow(/already registered/);
    unregister();
    registry.register('db', () => true);
    await expect(registry.check()).resolves.toEqual({ ready: true, checks: { db: 'ok' } });
  });

  it('reports not ready once shutting down', async () => {
    const registry = new ReadinessRegistry();
    registry.register('db', () => true);
    registry.markShuttingDown();
    await expect(registry.check()).resolves.toEqual({ ready: false, checks: { db: 'ok', shutdown: 'error: shutting down' } });
  });

  it('logs transitions, not every probe', async () => {
    const lines: Record<string, unknown>[] = [];
    const registry = new ReadinessRegistry(createLogger('api', { stream: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } }));
    let healthy = true;
    registry.register('db', () => healthy);
    await registry.check();
    healthy = false;
    await registry.check();
    await registry.check();
    healthy = true;
    await registry.check();
    expect(lines.map(({ level, msg }) => `${level as string} ${msg as string}`)).toEqual(['warn not ready', 'info ready again']);
  });
});
