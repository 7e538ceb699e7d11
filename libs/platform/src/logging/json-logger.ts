import { Logger } from '@whdb/core';
import { activeTraceIds } from '@whdb/tracing';
import { currentCorrelationId } from './correlation-context';
import { isLevelEnabled, LogLevel } from './log-level';
import { redactFields } from './redact';

/** Where log lines go (process.stdout by default; tests pass a collector). */
export interface LogStream {
  write(line: string): unknown;
}

export interface LoggerOptions {
  /** Lines below this level are dropped. Default `info`. */
  readonly level?: LogLevel;
  readonly stream?: LogStream;
  /** For tests. */
  readonly clock?: () => Date;
}

/** Keys the logger owns; a field with one of these names is written as `field_<name>`. */
const RESERVED = new Set(['time', 'level', 'service', 'msg', 'trace_id', 'span_id']);

/**
 * The core `Logger` as JSON lines: `{time, level, service, msg, correlation_id?, trace_id?, span_id?, ...fields}`
 * (the ids of the active span while tracing is on, docs/operations.md#logs-and-traces).
 * Secret-ish fields are redacted at any depth and errors serialized (stacks only at debug).
 */
export class JsonLogger implements Logger {
  private constructor(
    readonly service: string,
    readonly level: LogLevel,
    private readonly stream: LogStream,
    private readonly clock: () => Date,
    private readonly bound: Readonly<Record<string, unknown>>,
  ) {}

  static create(service: string, options: LoggerOptions = {}): JsonLogger {
    return new JsonLogger(service, options.level ?? 'info', options.stream ?? process.stdout, options.clock ?? (() => new Date()), {});
  }

  isLevelEnabled(level: LogLevel): boolean {
    return isLevelEnabled(level, this.level);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  child(fields: Record<string, unknown>): JsonLogger {
    return new JsonLogger(this.service, this.level, this.stream, this.clock, { ...this.bound, ...fields });
  }

  private write(level: LogLevel, message: string, fields: Record<string, unknown> | undefined): void {
    if (!this.isLevelEnabled(level)) return;
    const time = this.clock().toISOString();
    const entry: Record<string, unknown> = { time, level, service: this.service, msg: message };
    const correlationId = currentCorrelationId();
    if (correlationId !== undefined) entry.correlation_id = correlationId;
    const traceIds = activeTraceIds();
    if (traceIds !== undefined) {
      entry.trace_id = traceIds.traceId;
      entry.span_id = traceIds.spanId;
    }
    const merged = fields ? { ...this.bound, ...fields } : this.bound;
    for (const [key, value] of Object.entries(redactFields(merged, { includeStacks: this.level === 'debug' }))) {
      entry[RESERVED.has(key) ? `field_${key}` : key] = value;
    }
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch {
      line = JSON.stringify({ time, level, service: this.service, msg: message, log_error: 'fields could not be serialized' });
    }
    this.stream.write(`${line}\n`);
  }
}

/** A JSON-lines logger for `service` (the usual way to get one). */
export function createLogger(service: string, options?: LoggerOptions): JsonLogger {
  return JsonLogger.create(service, options);
}
