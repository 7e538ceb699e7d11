import { ERROR_CODES, httpStatusFor, isRetriableCode } from './error-codes';

describe('error codes', () => {
  it('maps every code to a status and a retry policy', () => {
    for (const code of ERROR_CODES) {
      expect(httpStatusFor(code)).toBeGreaterThanOrEqual(400);
      expect(typeof isRetriableCode(code)).toBe('boolean');
    }
  });

  it('treats outages as retriable 503s and bad input as final 4xx', () => {
    expect(httpStatusFor('kafka_unavailable')).toBe(503);
    expect(isRetriableCode('database_unavailable')).toBe(true);
    expect(httpStatusFor('resource_shape_invalid')).toBe(400);
    expect(isRetriableCode('resource_shape_invalid')).toBe(false);
  });
});
