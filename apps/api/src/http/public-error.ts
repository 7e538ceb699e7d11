import { HttpException } from '@nestjs/common';
import { AppError, ErrorCode, httpStatusFor } from '@whdb/core';

/** What a caller is told about a failure (docs/behaviour/integrations-api.md#errors), and whether it is worth logging. */
export interface PublicError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Safe extra fields, e.g. `state_machine_step` of a prompt. */
  readonly details: Record<string, unknown>;
  /** A failure of ours or of a dependency (5xx), or a lower-level error we translated: log it. */
  readonly log: boolean;
}

/**
 * Messages for errors that wrap a lower-level failure (a driver, Kafka, a socket). Their own
 * message may quote that failure (SQL, hosts, library names), so callers get these instead
 * (docs/bad-input.md).
 */
const WRAPPED_MESSAGES: Partial<Record<ErrorCode, string>> = {
  resource_shape_invalid: 'The request contains a value that cannot be stored.',
  invalid_input: 'The request contains a value that cannot be used.',
  invariant_violated: 'The request conflicts with the current state; nothing was changed.',
  not_found: 'The requested data no longer exists.',
  database_unavailable: 'The database is unavailable; try again later.',
  kafka_unavailable: 'The event store is unavailable; try again later.',
  upstream_unavailable: 'The provider could not be reached; try again later.',
  payload_too_large: 'The request is too large.',
};

/** body-parser and router failures: http-errors with a 4xx `status` and a `type`. */
const REQUEST_READ_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'entity.verify.failed': 'The request body could not be verified.',
  'encoding.unsupported': 'The request body has an unsupported content encoding.',
  'charset.unsupported': 'The request body has an unsupported charset.',
  'request.aborted': 'The request was aborted.',
  'request.size.invalid': 'The request body size does not match its Content-Length.',
  'stream.encoding.set': 'The request body could not be read.',
};

interface HttpErrorLike {
  readonly status: number;
  readonly type?: unknown;
}

function isClientHttpError(error: unknown): error is HttpErrorLike {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof error === 'object' && error !== null && typeof status === 'number' && status >= 400 && status < 500;
}

function codeForStatus(status: number): string {
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  return status < 500 ? 'invalid_input' : 'internal_error';
}

/** Maps anything thrown while serving a request to what the caller sees. */
export function toPublicError(exception: unknown): PublicError {
  if (exception instanceof AppError) {
    const status = httpStatusFor(exception.code);
    if (exception.cause !== undefined) {
      const message = WRAPPED_MESSAGES[exception.code] ?? 'The request could not be completed.';
      return { status, code: exception.code, message, details: {}, log: true };
    }
    return { status, code: exception.code, message: exception.message, details: exception.details, log: status >= 500 };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { status, code: codeForStatus(status), message: exception.message, details: {}, log: status >= 500 };
  }
  if (isClientHttpError(exception)) {
    const message = (typeof exception.type === 'string' ? REQUEST_READ_MESSAGES[exception.type] : undefined) ?? 'The request could not be read.';
    return { status: exception.status, code: codeForStatus(exception.status), message, details: {}, log: false };
  }
  return { status: 500, code: 'internal_error', message: 'An unexpected error occurred.', details: {}, log: true };
}
