import { isAppError } from '@whdb/core';
import { BackoffPolicy } from './backoff';

/** How the consumer runner retries a failing message. */
export interface RetryPolicy extends BackoffPolicy {
  /** Attempts (including the first) before an error that is not an AppError sends the message to the DLQ. */
  readonly maxAttemptsForUnknownErrors: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialMs: 200, maxMs: 30_000, maxAttemptsForUnknownErrors: 5 };

/** The default policy with the given fields replaced (undefined fields keep their default). */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    initialMs: overrides.initialMs ?? DEFAULT_RETRY_POLICY.initialMs,
    maxMs: overrides.maxMs ?? DEFAULT_RETRY_POLICY.maxMs,
    maxAttemptsForUnknownErrors: overrides.maxAttemptsForUnknownErrors ?? DEFAULT_RETRY_POLICY.maxAttemptsForUnknownErrors,
  };
}

export type FailureDecision = 'retry' | 'dead-letter';

/**
 * What to do after a message failed `failedAttempts` times with `error`:
 * - AppError, retriable (database or Kafka down): retry, forever; the message is never skipped;
 * - AppError, not retriable (bad data, decode error): dead-letter at once;
 * - anything else (a bug, an unexpected exception): retry up to maxAttemptsForUnknownErrors, then dead-letter.
 */
export function decideOnFailure(error: unknown, failedAttempts: number, policy: RetryPolicy): FailureDecision {
  if (isAppError(error)) return error.retriable ? 'retry' : 'dead-letter';
  return failedAttempts < policy.maxAttemptsForUnknownErrors ? 'retry' : 'dead-letter';
}

/** A retriable AppError: an outage, not a property of the messages. */
export function isOutage(error: unknown): boolean {
  return isAppError(error) && error.retriable;
}
