import { AppError, isAppError } from '@whdb/core';

/** Kafka protocol error types that mean "this message can never be accepted", not "Kafka is down". */
const PAYLOAD_REJECTED = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function protocolErrorType(error: unknown): string | undefined {
  for (const link of errorChain(error)) {
    const type = (link as { type?: unknown }).type;
    if (typeof type === 'string') return type;
  }
  return undefined;
}

/** A short description of a client error for logs (name and message, never payloads). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Maps a Kafka client failure to our error model: an oversized message is `payload_too_large`
 * (not retriable); anything else means Kafka could not take the messages now: `kafka_unavailable`
 * (retriable). AppErrors pass through unchanged.
 */
export function toKafkaAppError(error: unknown, what: string, details: Record<string, unknown> = {}): AppError {
  if (isAppError(error)) return error;
  const type = protocolErrorType(error);
  if (type !== undefined && PAYLOAD_REJECTED.has(type)) {
    return new AppError('payload_too_large', `${what}: Kafka rejected the message size`, details, { cause: error });
  }
  return new AppError('kafka_unavailable', `${what}: ${describeError(error)}`, details, { cause: error });
}
