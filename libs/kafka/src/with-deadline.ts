/** Thrown by `withDeadline` when the operation did not settle in time. */
export class DeadlineExceededError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what} did not complete within ${timeoutMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * Settles like `operation`, or rejects with `DeadlineExceededError` after `timeoutMs`. The operation
 * itself keeps running (JavaScript cannot cancel a promise); its later rejection is swallowed here so
 * that it never surfaces as an unhandled rejection.
 */
export function withDeadline<T>(operation: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  operation.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(what, timeoutMs)), timeoutMs);
  });
  return Promise.race([operation, deadline]).finally(() => clearTimeout(timer));
}
