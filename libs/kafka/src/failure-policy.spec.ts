import { AppError } from '@whdb/core';
import { decideOnFailure, DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './failure-policy';
import { MessageDecodeError } from './consumed-message';

describe('decideOnFailure', () => {
  const policy = DEFAULT_RETRY_POLICY;

  it('retries outages forever', () => {
    const outage = new AppError('database_unavailable', 'db down');
    expect(decideOnFailure(outage, 1, policy)).toBe('retry');
    expect(decideOnFailure(outage, 10_000, policy)).toBe('retry');
    expect(decideOnFailure(new AppError('invalid_input', 'x', {}, { retriable: true }), 99, policy)).toBe('retry');
  });

  it('dead-letters non-retriable AppErrors and decode errors at once', () => {
    expect(decideOnFailure(new AppError('resource_shape_invalid', 'no id'), 1, policy)).toBe('dead-letter');
    expect(decideOnFailure(new MessageDecodeError('bad json', {}), 1, policy)).toBe('dead-letter');
    expect(decideOnFailure(new AppError('kafka_unavailable', 'x', {}, { retriable: false }), 1, policy)).toBe('dead-letter');
  });

  it('retries unknown errors up to the attempt limit', () => {
    const bug = new TypeError('undefined is not a function');
    expect(decideOnFailure(bug, 1, policy)).toBe('retry');
    expect(decideOnFailure(bug, 4, policy)).toBe('retry');
    expect(decideOnFailure(bug, 5, policy)).toBe('dead-letter');
    expect(decideOnFailure('a string', 1, { ...policy, maxAttemptsForUnknownErrors: 1 })).toBe('dead-letter');
  });
});

describe('resolveRetryPolicy', () => {
  it('fills in the defaults (200 ms, 30 s cap, 5 attempts)', () => {
    expect(resolveRetryPolicy()).toEqual({ initialMs: 200, maxMs: 30_000, maxAttemptsForUnknownErrors: 5 });
    expect(resolveRetryPolicy({ initialMs: 10, maxMs: undefined })).toEqual({ initialMs: 10, maxMs: 30_000, maxAttemptsForUnknownErrors: 5 });
  });
});
