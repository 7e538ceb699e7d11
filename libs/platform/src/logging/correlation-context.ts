import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The header (HTTP and Kafka) that carries the correlation id
 * (docs/behaviour/webhooks.md#correlation-id).
 */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

interface CorrelationStore {
  readonly correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationStore>();

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Runs `fn` with `id` as the current correlation id; every log line written inside it (including
 * in callbacks and awaited continuations) carries `correlation_id`.
 */
export function runWithCorrelationId<T>(id: string, fn: () => T): T {
  return storage.run({ correlationId: id }, fn);
}

/** The correlation id of the current request/message, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Whether an incoming id is safe to adopt (<= 128 chars of `[A-Za-z0-9._:-]`). */
export function isSaneCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && SANE_ID.test(value);
}

/** Adopts `incoming` if it is sane, otherwise makes a new UUID. */
export function correlationIdFrom(incoming: unknown): string {
  return isSaneCorrelationId(incoming) ? incoming : randomUUID();
}

/** The correlation context as one object, for callers that prefer `correlationContext.run(...)`. */
export const correlationContext = Object.freeze({
  run: runWithCorrelationId,
  current: currentCorrelationId,
  from: correlationIdFrom,
});
