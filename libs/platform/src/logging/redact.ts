import { types } from 'node:util';
import { isSensitiveKey, REDACTED } from './sensitive-key';

export interface RedactOptions {
  /** Include `stack` when serializing errors (only at debug level). */
  readonly includeStacks: boolean;
}

const MAX_DEPTH = 8;
const MAX_STRING = 8192;

/**
 * Copies `value` into something `JSON.stringify` can print safely: secret-ish keys become
 * `[redacted]` at any depth, Errors become `{name, message, code, retriable, ...}`, cycles,
 * bigints, buffers and very deep or long values are made printable.
 */
export function redact(value: unknown, options: RedactOptions): unknown {
  return redactValue(value, options, 0, new WeakSet<object>());
}

/** Redacts the values of a field map (the top level of a log line). */
export function redactFields(fields: Readonly<Record<string, unknown>>, options: RedactOptions): Record<string, unknown> {
  return redactObject(fields, options, 0, new WeakSet<object>());
}

function redactValue(value: unknown, options: RedactOptions, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...[truncated]` : value;
    case 'bigint':
      return value.toString();
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (value instanceof Date || types.isDate(value)) return Number.isNaN((value as Date).getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[binary ${value.byteLength} bytes]`;
  seen.add(value);
  try {
    if (isErrorLike(value)) return serializeError(value, options, depth, seen);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, options, depth + 1, seen));
    if (value instanceof Map) return redactObject(Object.fromEntries(value), options, depth, seen);
    if (value instanceof Set) return [...value].map((item) => redactValue(item, options, depth + 1, seen));
    return redactObject(value as Record<string, unknown>, options, depth, seen);
  } finally {
    seen.delete(value);
  }
}

function redactObject(
  object: Readonly<Record<string, unknown>>,
  options: RedactOptions,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    if (item === undefined) continue;
    out[key] = isSensitiveKey(key) ? REDACTED : redactValue(item, options, depth + 1, seen);
  }
  return out;
}

/** `{name, message, code?, retriable?, status?, details?, cause?, stack?}`; stack only when asked. */
function serializeError(error: Error, options: RedactOptions, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const source = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { name: error.name, message: redactValue(error.message, options, depth + 1, seen) };
  for (const key of ['code', 'retriable', 'status', 'details'] as const) {
    const item = source[key];
    if (item === undefined || (key === 'details' && isEmptyObject(item))) continue;
    out[key] = redactValue(item, options, depth + 1, seen);
  }
  if (error.cause !== undefined) out.cause = redactValue(error.cause, options, depth + 1, seen);
  if (options.includeStacks && error.stack) out.stack = error.stack;
  return out;
}

/** Errors from other realms (Node internals under Jest) and DOMExceptions count too. */
function isErrorLike(value: object): value is Error {
  if (value instanceof Error || types.isNativeError(value)) return true;
  const candidate = value as { name?: unknown; message?: unknown; stack?: unknown };
  return typeof candidate.name === 'string' && typeof candidate.message === 'string' && typeof candidate.stack === 'string';
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
