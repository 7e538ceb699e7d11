import { HttpStatusError, HttpUnreachableError } from '../http/http-client';

/**
 * How a backfill retries one page fetch inside a run (docs/behaviour/backfill.md#page-retries).
 *
 * Two layers of retry exist, and they answer different questions:
 * - **In-run page retry (this policy)**: a short, bounded retry of one page fetch — at most
 *   `maxAttemptsPerPage` (3) attempts, waiting `retryDelayMs(attempt)` (1 s, then 2 s) between
 *   them, exactly as WebhookDB's Backfiller does. It applies to every HTTP error *except 401*
 *   (never retried: a wrong key does not become right by waiting) and to unreachable providers.
 *   That includes other 4xx: the contract group "a replicator that can backfill" requires "a 4xx
 *   page error raises an HTTP error after two retry waits", and providers do answer transient
 *   400/403/404 from behind load balancers.
 * - **Job retry (the error's `retriable` flag)**: decides whether the whole job is run again later
 *   by the backfiller's consumer. It is untouched here: after the last attempt the original error
 *   is raised, so a 4xx still fails the job for good while a 5xx/429/unreachable one is retried
 *   with the job-level backoff (our form of WebhookDB's "retry or die" for >= 500).
 *
 * Deliberate differences from WebhookDB: 5xx responses are retried in-run too (WebhookDB skips them
 * because its "retry or die" wrapper is not an HTTP error; WebhookDB's shared example stubs a
 * generic HTTP error, which we also satisfy with 5xx). A `Retry-After` is honoured: the wait is at
 * least that long; when it exceeds `maxRetryAfterMs` we do not sleep in-run at all and raise at
 * once, leaving the wait to the job-level retry.
 */
export interface PageRetryPolicy {
  /** Attempts per page, the first included (default 3: two waits at most). */
  readonly maxAttemptsPerPage: number;
  /** Wait after failed attempt number `attempt` (1-based); default 1 s, 2 s, ... */
  readonly retryDelayMs: (attempt: number) => number;
  /** A provider's `Retry-After` longer than this is not waited for in-run (default 60 s). */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_PAGE_RETRY_POLICY: PageRetryPolicy = Object.freeze({
  maxAttemptsPerPage: 3,
  retryDelayMs: (attempt: number) => attempt * 1000,
  maxRetryAfterMs: 60_000,
});

/** HTTP statuses a page fetch never retries (docs/behaviour/backfill.md#page-retries). */
export const NEVER_RETRIED_PAGE_STATUSES: readonly number[] = Object.freeze([401]);

/** Whether a failed page fetch may be tried again within the run. */
export function isRetriablePageError(error: unknown): boolean {
  if (error instanceof HttpUnreachableError) return true;
  return error instanceof HttpStatusError && !NEVER_RETRIED_PAGE_STATUSES.includes(error.status);
}

/**
 * The wait before the next attempt after failed attempt `attempt`, or `null` when the error must
 * be raised now (not retriable, attempts used up, or a `Retry-After` beyond what we wait in-run).
 */
export function pageRetryWaitMs(error: unknown, attempt: number, policy: PageRetryPolicy): number | null {
  if (attempt >= policy.maxAttemptsPerPage || !isRetriablePageError(error)) return null;
  const base = Math.max(0, policy.retryDelayMs(attempt));
  const retryAfterSeconds = error instanceof HttpStatusError ? error.retryAfterSeconds : undefined;
  if (retryAfterSeconds === undefined || !(retryAfterSeconds > 0)) return base;
  const retryAfterMs = retryAfterSeconds * 1000;
  if (retryAfterMs > policy.maxRetryAfterMs) return null;
  return Math.max(base, retryAfterMs);
}
