import { EventEmitter } from 'node:events';
import { createLogger } from '../logging/json-logger';
import { GracefulShutdown, ProcessLike, ShutdownTarget } from './graceful-shutdown';

function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const proc: ProcessLike = {
    on: (event, listener) => emitter.on(event, listener as (...args: unknown[]) => void),
    off: (event, listener) => emitter.off(event, listener as (...args: unknown[]) => void),
    exit: (code) => {
      exits.push(code);
    },
  };
  return { emitter, proc, exits };
}

function logs() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger('projector', { stream: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } }) };
}

function target(close: (signal?: string) => Promise<void>): ShutdownTarget & { close: jest.Mock } {
  return { name: 'projector', close: jest.fn(close) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GracefulShutdown', () => {
  it('closes every target on SIGTERM and exits 0', async () => {
    const { emitter, proc, exits } = fakeProcess();
    const { logger, lines } = logs();
    const shutdown = new GracefulShutdown({ logger, process: proc });
    const service = target(async () => undefined);
    shutdown.add(service);
    emitter.emit('SIGTERM', 'SIGTERM');
    await tick();
    expect(service.close).toHaveBeenCalledWith('SIGTERM');
    expect(exits).toEqual([0]);
    expect(lines.map((line) => line.msg)).toEqual(['shutting down', 'stopped']);
  });

  it('keeps draining on a second signal (Ctrl-C: SIGINT to the group, then SIGTERM from the runner) and exits 0', async () => {
    const { emitter, proc, exits } = fakeProcess();
    const { logger, lines } = logs();
    const shutdown = new GracefulShutdown({ logger, process: proc });
    let finishDrain: () => void = () => undefined;
    const service = target(() => new Promise<void>((resolve) => (finishDrain = resolve)));
    shutdown.add(service);
    emitter.emit('SIGINT', 'SIGINT');
    emitter.emit('SIGTERM', 'SIGTERM');
    await tick();
    expect(exits).toEqual([]);
    expect(service.close).toHaveBeenCalledTimes(1);
    finishDrain();
    await tick();
    expect(exits).toEqual([0]);
    expect(lines.map(({ level, msg }) => `${level as string} ${msg as string}`)).toEqual(['info shutting down', 'info already shutting down, still draining', 'info stopped']);
  });

  it('gives up draining and exits 1 on a third signal', async () => {
    const { emitter, proc, exits } = fakeProcess();
    const { logger, lines } = logs();
    const shutdown = new GracefulShutdown({ logger, process: proc });
    shutdown.add(target(() => new Promise(() => undefined)));
    emitter.emit('SIGINT', 'SIGINT');
    emitter.emit('SIGTERM', 'SIGTERM');
    await tick();
    expect(exits).toEqual([]);
    emitter.emit('SIGINT', 'SIGINT');
    await tick();
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatchObject({ level: 'error', msg: 'signal repeated during shutdown, exiting now without finishing the drain', signals: 3 });
  });

  it('still exits 1 at the deadline when a second signal came while draining', async () => {
    const { emitter, proc, exits } = fakeProcess();
    const shutdown = new GracefulShutdown({ logger: logs().logger, process: proc, deadlineMs: 20 });
    shutdown.add(target(() => new Promise(() => undefined)));
    emitter.emit('SIGINT', 'SIGINT');
    emitter.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exits).toEqual([1]);
  });

  it('exits 1 when the deadline passes', async () => {
    const { emitter, proc, exits } = fakeProcess();
    const shutdown = new GracefulShutdown({ logger: logs().logger, process: proc, deadlineMs: 20 });
    shutdown.add(target(() => new Promise(() => undefined)));
    emitter.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exits).toEqual([1]);
  });

  it('exits 1 when closing fails', async () => {
    const { emitter, proc, exits } = fakeProcess();
    const shutdown = new GracefulShutdown({ logger: logs().logger, process: proc });
    shutdown.add(target(() => Promise.reject(new Error('flush failed'))));
    emitter.emit('SIGTERM', 'SIGTERM');
    await tick();
    expect(exits).toEqual([1]);
  });

  it('logs unhandled rejections and keeps running; logs uncaught exceptions and exits 1', () => {
    const { emitter, proc, exits } = fakeProcess();
    const { logger, lines } = logs();
    new GracefulShutdown({ logger, process: proc }).add(target(async () => undefined));
    emitter.emit('unhandledRejection', new Error('nobody awaited me'));
    expect(exits).toEqual([]);
    emitter.emit('uncaughtException', new Error('bug'));
    expect(exits).toEqual([1]);
    expect(lines.map(({ level, msg }) => `${level as string} ${msg as string}`)).toEqual([
      'error unhandled promise rejection',
      'error uncaught exception, exiting',
    ]);
    expect(lines[1]!.stack).toEqual(expect.stringContaining('Error: bug'));
  });

  it('removes its process listeners when the last target is removed', () => {
    const { emitter, proc } = fakeProcess();
    const shutdown = new GracefulShutdown({ logger: logs().logger, process: proc });
    const service = target(async () => undefined);
    shutdown.add(service);
    expect(emitter.listenerCount('SIGTERM')).toBe(1);
    shutdown.remove(service);
    expect(emitter.eventNames()).toEqual([]);
  });
});
