import { Logger, silentLogger } from '@whdb/core';
import { PeriodicTask } from './periodic-task';

/** A task whose passes the test finishes by hand. */
class ManualTask extends PeriodicTask {
  readonly passes: { finish: () => void; fail: (error: Error) => void }[] = [];

  constructor(intervalMs: number, logger: Logger = silentLogger) {
    super(intervalMs, logger, 'the manual pass');
  }

  protected runOnce(): Promise<void> {
    return new Promise((resolve, reject) => this.passes.push({ finish: resolve, fail: reject }));
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('PeriodicTask', () => {
  it('runs once at start-up, never overlaps, and runs one more pass for pokes during a pass', async () => {
    const task = new ManualTask(60_000);
    task.onApplicationBootstrap();
    expect(task.passes).toHaveLength(1);
    task.poke();
    task.poke();
    expect(task.passes).toHaveLength(1);
    task.passes[0]!.finish();
    await flush();
    expect(task.passes).toHaveLength(2);
    task.passes[1]!.finish();
    await task.beforeApplicationShutdown();
  });

  it('logs a failed pass and keeps going; shutdown waits for the pass in progress and stops pokes', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) } as Logger;
    const task = new ManualTask(60_000, logger);
    task.onApplicationBootstrap();
    task.passes[0]!.fail(new Error('db down'));
    await flush();
    expect(warnings).toEqual(['the manual pass failed; trying again later']);
    task.poke();
    let stopped = false;
    const stopping = task.beforeApplicationShutdown().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    task.passes[1]!.finish();
    await stopping;
    task.poke();
    expect(task.passes).toHaveLength(2);
  });

  it('does not start when the interval is 0', () => {
    const task = new ManualTask(0);
    task.onApplicationBootstrap();
    expect(task.passes).toHaveLength(0);
  });
});
