import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from '@whdb/core';

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => (prefix ? `${prefix}.${message}` : message)),
    ...describe(error.children ?? [], error.property),
  ]);
}

/** Validates DTOs with class-validator; failures are 400 `invalid_input` listing every problem. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: (errors) => new AppError('invalid_input', describe(errors).join('; ') || 'Invalid request body'),
  });
}
