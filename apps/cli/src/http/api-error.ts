import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { oneLine } from '../errors/one-line';

/**
 * A non-2xx answer of the api, read from its error shape `{"error": {status, message, code, ...}}`
 * (docs/behaviour/integrations-api.md#errors).
 */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string,
    message: string,
    /** The `error` object as the api sent it (e.g. `state_machine_step` of a 422 prompt). */
    readonly error: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Builds the error from a response body; a body without the error shape still gives a reason. */
export function apiErrorFrom(method: string, path: string, status: number, body: unknown, text: string): ApiError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const fields = error as Record<string, unknown>;
    const message = typeof fields.message === 'string' && fields.message ? fields.message : `HTTP ${status}`;
    const code = typeof fields.code === 'string' ? fields.code : `http_${status}`;
    return new ApiError(method, path, status, code, message, fields);
  }
  const snippet = oneLine(text).slice(0, 200);
  return new ApiError(method, path, status, `http_${status}`, snippet ? `HTTP ${status}: ${snippet}` : `HTTP ${status}`, {});
}

/**
 * The one-line reason and exit status of an api error (docs/cli.md#errors). A 404 means this api
 * has no such endpoint (the api answers 403 for things that do not exist), so the command is not
 * available on this server yet.
 */
export function cliErrorFromApi(error: ApiError, commandName: string): CliError {
  const details = { status: error.status, api_code: error.code };
  if (error.status === 404) {
    return new CliError(
      `\`whdb ${commandName}\` is not available yet on this server (${error.method} ${error.path} answered 404).`,
      ExitCode.unsupported,
      'not_available',
      details,
    );
  }
  const exitCode = error.status === 401 ? ExitCode.auth : ExitCode.failed;
  return new CliError(oneLine(error.message), exitCode, error.code, details);
}
