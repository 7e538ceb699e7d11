import { AppError, HttpStatusError } from '@whdb/core';
import { runWithCorrelationId } from './correlation-context';
import { createLogger, LoggerOptions } from './json-logger';

function capture(options: Omit<LoggerOptions, 'stream'> = {}) {
  const lines: string[] = [];
  const logger = createLogger('ingress', { clock: () => new Date('2025-01-02T03:04:05.000Z'), ...options, stream: { write: (line) => lines.push(line) } });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, service, msg and fields', () => {
    const { logger, lines, entries } = capture();
    logger.info('webhook accepted', { opaque_id: 'svi_1', status: 202 });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(lines[0]!.trim()).not.toContain('\n');
    expect(entries()[0]).toEqual({
      time: '2025-01-02T03:04:05.000Z',
      level: 'info',
      service: 'ingress',
      msg: 'webhook accepted',
      opaque_id: 'svi_1',
      status: 202,
    });
  });

  it('drops lines below the threshold', () => {
    const { logger, entries } = capture({ level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(entries().map((entry) => entry.level)).toEqual(['warn', 'error']);
    expect(logger.isLevelEnabled('info')).toBe(false);
  });

  it('adds the current correlation id automatically', async () => {
    const { logger, entries } = capture();
    await runWithCorrelationId('corr-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('inside');
    });
    logger.info('outside');
    expect(entries()[0]!.correlation_id).toBe('corr-1');
    expect(entries()[1]).not.toHaveProperty('correlation_id');
  });

  it('redacts secret-ish keys at any depth, case-insensitively', () => {
    const { logger, lines, entries } = capture();
    logger.info('request', {
      headers: { Authorization: 'Bearer abc', 'X-Front-Signature': 'sig', Cookie: 'c=1', 'content-type': 'application/json' },
      integration: { webhook_secret: 'ws', backfill_key: 'bk', backfillSecret: 'bs', apiKey: 'ak', nested: [{ password: 'pw', ok: 1 }] },
      WHDB_ENCRYPTION_KEY: 'ek',
      webhookdb_api_key: 'wak',
    });
    const entry = entries()[0]!;
    expect(entry.headers).toEqual({
      Authorization: '[redacted]',
      'X-Front-Signature': '[redacted]',
      Cookie: '[redacted]',
      'content-type': 'application/json',
    });
    expect(entry.integration).toEqual({
      webhook_secret: '[redacted]',
      backfill_key: '[redacted]',
      backfillSecret: '[redacted]',
      apiKey: '[redacted]',
      nested: [{ password: '[redacted]', ok: 1 }],
    });
    expect(entry.WHDB_ENCRYPTION_KEY).toBe('[redacted]');
    expect(entry.webhookdb_api_key).toBe('[redacted]');
    expect(lines[0]).not.toMatch(/abc|"sig"|"ws"|"bk"|"bs"|"ak"|"pw"|"ek"|"wak"/);
  });

  it('serializes errors with code and retriable, stacks only at debug', () => {
    const info = capture();
    const cause = new Error('socket hang up');
    info.logger.error('send failed', { error: new AppError('upstream_unavailable', 'Front is down', { status: 503 }, { cause }) });
    expect(info.entries()[0]!.error).toEqual({
      name: 'AppError',
      message: 'Front is down',
      code: 'upstream_unavailable',
      retriable: true,
      details: { status: 503 },
      cause: { name: 'Error', message: 'socket hang up' },
    });

    const debug = capture({ level: 'debug' });
    debug.logger.error('send failed', { error: new HttpStatusError(500, 'https://x.test/a?token=t', 'body') });
    const serialized = debug.entries()[0]!.error as Record<string, unknown>;
    expect(serialized).toMatchObject({ name: 'HttpStatusError', code: 'upstream_http_error', retriable: true, status: 500 });
    expect(serialized.stack).toEqual(expect.stringContaining('HttpStatusError'));
  });

  it('binds fields in children and keeps the reserved keys', () => {
    const { logger, entries } = capture();
    logger.child({ consumer: 'projector', token: 't' }).child({ partition: 3 }).warn('lag', { level: 'high', msg: 'x' });
    expect(entries()[0]).toEqual({
      time: '2025-01-02T03:04:05.000Z',
      level: 'warn',
      service: 'ingress',
      msg: 'lag',
      consumer: 'projector',
      token: '[redacted]',
      partition: 3,
      field_level: 'high',
      field_msg: 'x',
    });
  });

  it('survives cycles, bigints and buffers', () => {
    const { logger, entries } = capture();
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    logger.info('odd values', { cyclic, big: 10n, body: Buffer.from('secret bytes'), when: new Date(0), fn: () => 1 });
    expect(entries()[0]).toMatchObject({
      cyclic: { name: 'a', self: '[circular]' },
      big: '10',
      body: '[binary 12 bytes]',
      when: '1970-01-01T00:00:00.000Z',
    });
    expect(entries()[0]).not.toHaveProperty('fn');
  });
});
