import { CredentialsMissingError, HttpStatusError, HttpUnreachableError, isAppError, NotImplementedError } from '@whdb/core';

/** The job-level retry settings (docs/behaviour/backfill.md#job-retries). */
export interface JobRetryPolicy {
  /** Runs of a job in all, the first included. */
  readonly maxAttempts: number;
  /** Wait after the first failed run; doubles per further failure. */
  readonly baseDelayMs: number;
  /** Cap of that wait (`WHDB_RETRY_BACKOFF_MAX_SECONDS`). */
  readonly maxDelayMs: number;
}

/** Error kinds, as metric labels and in alerts. */
export type JobErrorKind = 'unauthorized' | 'rate_limited' | 'server_error' | 'unreachable' | 'client_error' | 'credentials_missing' | 'not_backfillable' | 'other';

export type JobFailureDecision =
  /** The job counts as finished (SPEC 7.1: CredentialsMissing finishes the job). */
  | { readonly action: 'skip'; readonly kind: JobErrorKind; readonly note: string }
  /** Run again from the stored cursor after `waitMs`. */
  | { readonly action: 'retry'; readonly kind: JobErrorKind; readonly waitMs: number }
  /** The job failed for good; its organization is alerted. */
  | { readonly action: 'fail'; readonly kind: JobErrorKind; readonly reason: string };

export function jobErrorKind(error: unknown): JobErrorKind {
  if (error instanceof HttpStatusError) {
    if (error.status === 401) return 'unauthorized';
    if (error.status === 429) return 'rate_limited';
    return error.status >= 500 ? 'server_error' : 'client_error';
  }
  if (error instanceof HttpUnreachableError) return 'unreachable';
  if (error instanceof CredentialsMissingError) return 'credentials_missing';
  if (error instanceof NotImplementedError) return 'not_backfillable';
  return 'other';
}

/** The wait before run `attempt + 1` after run `attempt` failed: base * 2^(attempt-1), at least a `Retry-After`, capped. */
export function jobRetryDelayMs(attempt: number, policy: JobRetryPolicy, retryAfterSeconds?: number): number {
  const backoff = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const floor = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.min(policy.maxDelayMs, Math.max(backoff, floor));
}

/** A message for people (shown by the api and in alerts); errors carry redacted URLs only. */
export function describeJobError(error: unknown): string {
  if (error instanceof HttpStatusError && error.status === 401) return `${error.message}: the provider refused the backfill credentials (401 Unauthorized). Check them and start a new backfill.`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * What happens to a job whose run `attempt` (1-based, as stored in `attempts`) raised `error`
 * (docs/behaviour/backfill.md#job-retries; SPEC 7.2, 7.3):
 * - missing credentials: the job is finished with a note, nothing is fetched (SPEC 7.1);
 * - 401: never retried; failed and alerted;
 * - retriable errors (5xx, 429, timeouts and unreachable providers), after the in-run page retries
 *   gave up: run again from the stored cursor with exponential backoff, while runs remain; then
 *   failed and alerted;
 * - anything else (other 4xx, a response of the wrong shape, a bug): failed and alerted.
 */
export function decideJobFailure(error: unknown, attempt: number, policy: JobRetryPolicy): JobFailureDecision {
  const kind = jobErrorKind(error);
  if (kind === 'credentials_missing' || kind === 'not_backfillable') return { action: 'skip', kind, note: describeJobError(error) };
  if (kind === 'unauthorized') return { action: 'fail', kind, reason: describeJobError(error) };
  const retriable = isAppError(error) && error.retriable;
  if (retriable && attempt < policy.maxAttempts) {
    const retryAfter = error instanceof HttpStatusError ? error.retryAfterSeconds : undefined;
    return { action: 'retry', kind, waitMs: jobRetryDelayMs(attempt, policy, retryAfter) };
  }
  const reason = describeJobError(error);
  return { action: 'fail', kind, reason: retriable ? `${reason} (gave up after ${attempt} runs)` : reason };
}
