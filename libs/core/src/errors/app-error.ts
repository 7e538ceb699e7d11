import { ErrorCode, isRetriableCode } from './error-codes';

/**
 * An expected failure with a stable code. `retriable` says whether trying again later may work;
 * `details` is safe to show to the caller (never put secrets in it).
 */
export class AppError extends Error {
  readonly retriable: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options: { cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.retriable = options.retriable ?? isRetriableCode(code);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Thrown when a resource lacks a required key or has the wrong shape (WebhookDB's KeyError). */
export class ResourceShapeError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('resource_shape_invalid', message, details);
    this.name = 'ResourceShapeError';
  }
}

/** Thrown when a replicator hook is not implemented (docs/behaviour/replicator-framework.md#hooks). */
export class NotImplementedError extends AppError {
  constructor(what: string) {
    super('not_implemented', `${what} is not implemented`);
    this.name = 'NotImplementedError';
  }
}

/** Backfill attempted without credentials (docs/behaviour/backfill.md#preconditions). */
export class CredentialsMissingError extends AppError {
  constructor(message = 'This integration is missing the credentials it needs to backfill.') {
    super('credentials_missing', message);
    this.name = 'CredentialsMissingError';
  }
}
