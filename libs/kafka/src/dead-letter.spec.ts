import { AppError } from '@whdb/core';
import { toConsumedMessage } from './consumed-message';
import { buildDeadLetterMessage, MAX_DLQ_ERROR_LENGTH } from './dead-letter';

describe('buildDeadLetterMessage', () => {
  const message = toConsumedMessage('whdb.inbound.increase_account_v1', 2, {
    offset: '41',
    key: Buffer.from('svi_1:acc_1'),
    value: Buffer.from('{"not": "valid'),
    headers: { ce_id: Buffer.from('evt_1'), 'x-correlation-id': 'corr-1' },
  });
  const failedAt = new Date('2024-05-01T10:00:00.000Z');

  it('keeps key, value and headers and adds the x-dlq headers', () => {
    const dead = buildDeadLetterMessage(message, new AppError('resource_shape_invalid', 'missing id'), failedAt);
    expect(dead.topic).toBe('whdb.inbound.increase_account_v1.dlq');
    expect(dead.key).toBe('svi_1:acc_1');
    expect(dead.value).toEqual(Buffer.from('{"not": "valid'));
    expect(dead.headers).toEqual({
      ce_id: 'evt_1',
      'x-correlation-id': 'corr-1',
      'x-dlq-error': 'AppError: missing id',
      'x-dlq-error-code': 'resource_shape_invalid',
      'x-dlq-original-topic': 'whdb.inbound.increase_account_v1',
      'x-dlq-original-partition': '2',
      'x-dlq-original-offset': '41',
      'x-dlq-failed-at': '2024-05-01T10:00:00.000Z',
    });
  });

  it('codes unknown errors as "unknown" and truncates long messages', () => {
    const dead = buildDeadLetterMessage(message, new Error('x'.repeat(5000)), failedAt);
    expect(dead.headers['x-dlq-error-code']).toBe('unknown');
    expect(dead.headers['x-dlq-error']).toHaveLength(MAX_DLQ_ERROR_LENGTH);
  });
});
