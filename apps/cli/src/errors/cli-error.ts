import { ExitCode, ExitCodeValue } from './exit-codes';

/**
 * An expected failure of a command: a one-line reason for people, a stable `code` and the exit
 * status for scripts (docs/cli.md#errors). Anything else that is thrown is a bug.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly code: string,
    /** Extra machine-readable facts for `--json` (never secrets). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string, details: Record<string, unknown> = {}): CliError {
  return new CliError(message, ExitCode.usage, 'usage', details);
}

export function interrupted(): CliError {
  return new CliError('Interrupted.', ExitCode.interrupted, 'interrupted');
}
