/**
 * Every error we raise on purpose has a stable string code. The HTTP edge and the consumer runner
 * map codes exhaustively (see `httpStatusFor` and `isRetriable`): adding a code without deciding
 * its status and retry policy is a compile error.
 */
export const ERROR_CODES = [
  'invalid_input',
  'invalid_service',
  'invalid_identifier',
  'not_found',
  'unauthenticated',
  'forbidden',
  'conflict',
  'prompt_required_params',
  'resource_shape_invalid',
  'credentials_missing',
  'backfill_not_supported',
  'backfill_not_set_up',
  'upstream_http_error',
  'upstream_unavailable',
  'kafka_unavailable',
  'database_unavailable',
  'payload_too_large',
  'not_implemented',
  'invariant_violated',
  'config_invalid',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function assertNever(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}

/** HTTP status for an error code at the API/ingress edge. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
    case 'invalid_service':
    case 'invalid_identifier':
    case 'resource_shape_invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'not_found':
      return 403;
    case 'conflict':
    case 'credentials_missing':
    case 'backfill_not_supported':
    case 'backfill_not_set_up':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'prompt_required_params':
      return 422;
    case 'upstream_http_error':
      return 502;
    case 'not_implemented':
      return 501;
    case 'kafka_unavailable':
    case 'database_unavailable':
    case 'upstream_unavailable':
      return 503;
    case 'invariant_violated':
    case 'config_invalid':
      return 500;
    default:
      return assertNever(code, 'Unmapped error code');
  }
}

/** Whether retrying the same operation later may succeed. */
export function isRetriableCode(code: ErrorCode): boolean {
  switch (code) {
    case 'kafka_unavailable':
    case 'database_unavailable':
    case 'upstream_unavailable':
      return true;
    case 'invalid_input':
    case 'invalid_service':
    case 'invalid_identifier':
    case 'not_found':
    case 'unauthenticated':
    case 'forbidden':
    case 'conflict':
    case 'prompt_required_params':
    case 'resource_shape_invalid':
    case 'credentials_missing':
    case 'backfill_not_supported':
    case 'backfill_not_set_up':
    case 'upstream_http_error':
    case 'payload_too_large':
    case 'not_implemented':
    case 'invariant_violated':
    case 'config_invalid':
      return false;
    default:
      return assertNever(code, 'Unmapped error code');
  }
}
