export interface EventuallyOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** Wait between attempts (default 50 ms). */
  intervalMs?: number;
  /** Shown in the timeout error. */
  description?: string;
  /** Called on timeout; its text is added to the error (e.g. `stack.logs()`, so CI shows why). */
  diagnose?: () => string;
}

/**
 * Polls `probe` until it returns without throwing (and, if it returns a boolean, returns true),
 * then resolves with its value. No fixed sleeps in tests: poll with a deadline instead.
 */
export async function eventually<T>(probe: () => Promise<T> | T, options: EventuallyOptions = {}): Promise<Exclude<T, false>> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = new Error('condition was false');
  for (;;) {
    try {
      const value = await probe();
      if (value !== false) return value as Exclude<T, false>;
      lastError = new Error('condition was false');
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      const diagnosis = options.diagnose ? `\n${options.diagnose()}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms${options.description ? ` waiting for ${options.description}` : ''}: ${reason}${diagnosis}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
