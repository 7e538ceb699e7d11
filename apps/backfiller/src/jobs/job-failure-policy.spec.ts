import { AppError, CredentialsMissingError, HttpStatusError, HttpUnreachableError, NotImplementedError } from '@whdb/core';
import { decideJobFailure, jobErrorKind, jobRetryDelayMs } from './job-failure-policy';

const policy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 5000 };
const http = (status: number, retryAfter?: number) => new HttpStatusError(status, 'https://p.example/list?token=secret', '{}', retryAfter);

describe('job failures (docs/behaviour/backfill.md#job-retries)', () => {
  it('never retries a 401: failed, with a reason that names the credentials and no query string', () => {
    const decision = decideJobFailure(http(401), 1, policy);
    expect(decision).toMatchObject({ action: 'fail', kind: 'unauthorized' });
    expect(decision.action === 'fail' && decision.reason).toContain('401');
    expect(JSON.stringify(decision)).not.toContain('secret');
  });

  it('retries 5xx, 429 and unreachable providers with a doubling backoff while runs remain', () => {
    expect(decideJobFailure(http(503), 1, policy)).toEqual({ action: 'retry', kind: 'server_error', waitMs: 1000 });
    expect(decideJobFailure(http(429), 2, policy)).toEqual({ action: 'retry', kind: 'rate_limited', waitMs: 2000 });
    expect(decideJobFailure(new HttpUnreachableError('https://p.example', new Error('timeout')), 1, policy)).toMatchObject({ action: 'retry', kind: 'unreachable' });
  });

  it('fails after the last run, saying how many it took', () => {
    const decision = decideJobFailure(http(500), 3, policy);
    expect(decision).toMatchObject({ action: 'fail', kind: 'server_error' });
    expect(decision.action === 'fail' && decision.reason).toContain('gave up after 3 runs');
  });

  it('fails at once on other 4xx and on non-retriable errors', () => {
    expect(decideJobFailure(http(404), 1, policy)).toMatchObject({ action: 'fail', kind: 'client_error' });
    expect(decideJobFailure(new TypeError('no items'), 1, policy)).toMatchObject({ action: 'fail', kind: 'other' });
    expect(decideJobFailure(new AppError('invariant_violated', 'loop'), 1, policy)).toMatchObject({ action: 'fail', kind: 'other' });
  });

  it('finishes a job without credentials or without backfill support (skip, with a note)', () => {
    expect(decideJobFailure(new CredentialsMissingError('no key'), 1, policy)).toEqual({ action: 'skip', kind: 'credentials_missing', note: 'no key' });
    expect(decideJobFailure(new NotImplementedError('backfill of x_v1'), 1, policy)).toMatchObject({ action: 'skip', kind: 'not_backfillable' });
  });

  it('waits at least a Retry-After, and never more than the cap', () => {
    expect(jobRetryDelayMs(1, policy, 3)).toBe(3000);
    expect(jobRetryDelayMs(1, policy, 60)).toBe(5000);
    expect(jobRetryDelayMs(4, policy)).toBe(5000);
  });

  it('labels errors by kind', () => {
    expect([http(401), http(429), http(502), http(400)].map(jobErrorKind)).toEqual(['unauthorized', 'rate_limited', 'server_error', 'client_error']);
  });
});
