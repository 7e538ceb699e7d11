import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { LOGGER } from '@whdb/platform';
import { Response } from 'express';
import { PromptRequiredError } from './prompt-required.error';
import { toPublicError } from './public-error';

/**
 * Every error leaves the API as `{"error": {"status", "message", "code"}}`
 * (docs/behaviour/integrations-api.md#errors) with a message for people: internal detail (SQL, driver messages, stacks) is logged, never sent
 * (docs/bad-input.md).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const error = toPublicError(exception);
    if (error.log) {
      const log = error.status >= 500 ? this.logger.error.bind(this.logger) : this.logger.warn.bind(this.logger);
      log('request failed', { status: error.status, code: error.code, error: exception });
    }
    if (exception instanceof PromptRequiredError) response.set('whdb-prompt', exception.param);
    response.status(error.status).json({ error: { ...error.details, status: error.status, message: error.message, code: error.code } });
  }
}
