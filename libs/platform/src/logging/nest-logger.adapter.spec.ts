import { createLogger } from './json-logger';
import { LogLevel } from './log-level';
import { NestLoggerAdapter } from './nest-logger.adapter';

function capture(level: LogLevel = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('api', { level, stream: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { adapter: new NestLoggerAdapter(logger), lines };
}

describe('NestLoggerAdapter', () => {
  it('maps Nest levels and contexts onto the JSON logger', () => {
    const { adapter, lines } = capture('debug');
    adapter.log('hello', 'OrganizationsController');
    adapter.warn('careful');
    adapter.verbose('chatty', 'Ctx');
    adapter.fatal('boom');
    expect(lines.map(({ level, msg, context }) => ({ level, msg, context }))).toEqual([
      { level: 'info', msg: 'hello', context: 'OrganizationsController' },
      { level: 'warn', msg: 'careful', context: undefined },
      { level: 'debug', msg: 'chatty', context: 'Ctx' },
      { level: 'error', msg: 'boom', context: undefined },
    ]);
    expect(lines[3]!.fatal).toBe(true);
  });

  it("sends Nest's boot chatter to debug", () => {
    const { adapter, lines } = capture('info');
    adapter.log('Mapped {/healthz, GET} route', 'RouterExplorer');
    adapter.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(lines).toEqual([]);
  });

  it('logs errors from the exceptions handler, stacks only at debug', () => {
    const info = capture('info');
    const error = new Error('db down');
    info.adapter.error(error, 'ExceptionsHandler');
    info.adapter.error('failed', error.stack, 'Ctx');
    expect(info.lines[0]).toMatchObject({ level: 'error', msg: 'db down', context: 'ExceptionsHandler', error: { name: 'Error', message: 'db down' } });
    expect((info.lines[0]!.error as Record<string, unknown>).stack).toBeUndefined();
    expect(info.lines[1]).toMatchObject({ msg: 'failed', context: 'Ctx' });
    expect(info.lines[1]!.stack).toBeUndefined();

    const debug = capture('debug');
    debug.adapter.error('failed', error.stack, 'Ctx');
    expect(debug.lines[0]!.stack).toContain('db down');
  });

  it('keeps object messages as structured detail', () => {
    const { adapter, lines } = capture();
    adapter.log({ event: 'x', authorization: 'Bearer t' }, 'Ctx');
    expect(lines[0]).toMatchObject({ msg: 'Ctx', detail: { event: 'x', authorization: '[redacted]' } });
  });
});
