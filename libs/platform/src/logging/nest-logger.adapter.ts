import { LoggerService } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { LogLevel } from './log-level';

/** Nest's own start-up chatter (module init, route mapping) goes to debug, not info. */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'RouterModule']);

const STACK_LINE = /\n\s+at /;

interface LevelAware {
  isLevelEnabled(level: LogLevel): boolean;
}

/**
 * Routes Nest's `LoggerService` calls (framework logs, `new Logger(ctx)` in app code, the
 * exceptions handler) into our JSON logger, with Nest's context as the `context` field.
 */
export class NestLoggerAdapter implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, { fatal: true });
  }

  private write(level: LogLevel, message: unknown, params: readonly unknown[], extra: Record<string, unknown> = {}): void {
    const rest = [...params];
    const fields: Record<string, unknown> = { ...extra };
    const last = rest[rest.length - 1];
    if (typeof last === 'string' && !STACK_LINE.test(last)) {
      fields.context = last;
      rest.pop();
    }
    const stack = rest.find((param): param is string => typeof param === 'string' && STACK_LINE.test(param));
    if (stack !== undefined && this.stacksEnabled()) fields.stack = stack;
    const others = rest.filter((param) => param !== stack);
    if (others.length > 0) fields.params = others;

    let text: string;
    if (message instanceof Error) {
      text = message.message;
      fields.error = message;
    } else if (typeof message === 'object' && message !== null) {
      text = typeof fields.context === 'string' ? fields.context : 'nest';
      fields.detail = message;
    } else {
      text = String(message);
    }
    const effective = level === 'info' && BOOT_CONTEXTS.has(fields.context as string) ? 'debug' : level;
    this.logger[effective](text, fields);
  }

  private stacksEnabled(): boolean {
    const aware = this.logger as Partial<LevelAware>;
    return typeof aware.isLevelEnabled === 'function' && aware.isLevelEnabled('debug');
  }
}
