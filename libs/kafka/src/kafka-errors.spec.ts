import { AppError } from '@whdb/core';
import { toKafkaAppError } from './kafka-errors';

describe('toKafkaAppError', () => {
  it('maps client failures to a retriable kafka_unavailable', () => {
    const error = toKafkaAppError(new Error('Connection error: ECONNREFUSED'), 'Publishing', { topics: ['t'] });
    expect(error).toMatchObject({ code: 'kafka_unavailable', retriable: true, details: { topics: ['t'] } });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('maps an oversized message (also when wrapped) to payload_too_large', () => {
    const protocol = Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE' });
    const wrapped = Object.assign(new Error('retries exceeded'), { cause: protocol });
    expect(toKafkaAppError(wrapped, 'Publishing')).toMatchObject({ code: 'payload_too_large', retriable: false });
  });

  it('passes AppErrors through', () => {
    const original = new AppError('invalid_input', 'x');
    expect(toKafkaAppError(original, 'Publishing')).toBe(original);
  });
});
