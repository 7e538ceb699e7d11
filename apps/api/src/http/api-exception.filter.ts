import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { AppError, httpStatusFor, Logger } from '@whdb/core';
import { LOGGER } from '@whdb/platform';
import { Response } from 'express';
import { PromptRequiredError } from './prompt-required.error';

interface ErrorBody {
  error: { status: number; message: string; code: string; [key: string]: unknown };
}

/**
 * Every error leaves the API as `{"error": {"status", "message", "code"}}`
 * (docs/behaviour/integrations-api.md#errors).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toBody(exception);
    if (exception instanceof PromptRequiredError) response.set('whdb-prompt', exception.param);
    response.status(status).json(body);
  }

  private toBody(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof AppError) {
      const status = httpStatusFor(exception.code);
      if (status >= 500) this.logger.error('request failed', { code: exception.code, error: exception });
      return { status, body: { error: { ...exception.details, status, message: exception.message, code: exception.code } } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'not_found' : status === 413 ? 'payload_too_large' : status < 500 ? 'invalid_input' : 'internal_error';
      return { status, body: { error: { status, message: exception.message, code } } };
    }
    this.logger.error('unexpected error', { error: exception });
    return { status: 500, body: { error: { status: 500, message: 'An unexpected error occurred.', code: 'internal_error' } } };
  }
}
