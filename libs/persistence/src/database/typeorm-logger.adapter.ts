import { Logger as AppLogger } from '@whdb/core';
import { Logger as TypeOrmLogger } from 'typeorm';

function firstLine(sql: string): string {
  const compact = sql.replace(/\s+/g, ' ').trim();
  return compact.length > 200 ? `${compact.slice(0, 200)}...` : compact;
}

/**
 * Bridges TypeORM's logger to ours. Statements are logged without their parameters (they may
 * hold secrets or personal data); individual queries are not logged at all. Failed queries go to
 * `debug` because the caller maps and reports the error.
 */
export class TypeOrmLoggerAdapter implements TypeOrmLogger {
  constructor(private readonly logger: AppLogger) {}

  logQuery(): void {
    // Too noisy for production; use Postgres' own statement logging when needed.
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug('query failed', { error: typeof error === 'string' ? error : error.message, query: firstLine(query) });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn('slow query', { durationMs: time, query: firstLine(query) });
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    if (level === 'warn') this.logger.warn(text);
    else this.logger.debug(text);
  }
}
