/** How the sweep re-issues a command whose row did not converge (docs/behaviour/channel.md#sweep). */
export interface RetryPolicy {
  /** Wait before the first re-issue; doubles after each. */
  readonly baseMs: number;
  /** `WHDB_RETRY_BACKOFF_MAX_SECONDS`. */
  readonly maxMs: number;
  /** Issues in all, the first included; then an org alert and no more. */
  readonly maxAttempts: number;
}

/** When attempt `attempt + 1` may go out after attempt `attempt` was issued at `now`. */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, now: Date): Date {
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return new Date(now.getTime() + delay);
}
