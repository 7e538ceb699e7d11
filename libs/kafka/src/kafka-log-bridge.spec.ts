import { Logger } from '@whdb/core';
import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-log-bridge';

function recordingLogger(): { logger: Logger; lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug: (message, fields) => lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
    child: () => logger,
  };
  return { logger, lines };
}

describe('kafkaLogCreator', () => {
  it('maps levels and forwards only safe fields', () => {
    const { logger, lines } = recordingLogger();
    const log = kafkaLogCreator(logger)(logLevel.DEBUG);
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp: 't', logger: 'kafkajs', message: 'Response Produce', broker: 'b:9092', payload: 'secret-value', data: { value: 'pii' } } as never,
    });
    expect(lines).toEqual([{ level: 'error', message: 'Response Produce', fields: { kafka_namespace: 'Connection', kafka_broker: 'b:9092' } }]);
  });

  it('demotes the warnings about choices we made on purpose', () => {
    const { logger, lines } = recordingLogger();
    kafkaLogCreator(logger)(logLevel.INFO)({
      namespace: 'Producer',
      level: logLevel.WARN,
      label: 'WARN',
      log: { timestamp: 't', logger: 'kafkajs', message: 'Limiting retries for the idempotent producer may invalidate EoS guarantees' },
    });
    expect(lines[0].level).toBe('debug');
  });
});
