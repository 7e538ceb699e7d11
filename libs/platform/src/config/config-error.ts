import { AppError } from '@whdb/core';

/** One invalid or missing environment variable. `reason` never contains the value of a secret. */
export interface ConfigIssue {
  readonly variable: string;
  readonly reason: string;
}

/**
 * Thrown once by `loadConfig` when any variable is invalid, listing every problem so an operator
 * fixes them all in one go. `runMain` prints it as a single message without a stack trace.
 */
export class ConfigError extends AppError {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super('config_invalid', formatIssues(issues), { variables: issues.map((issue) => issue.variable) });
    this.name = 'ConfigError';
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

function formatIssues(issues: readonly ConfigIssue[]): string {
  const noun = issues.length === 1 ? 'variable' : 'variables';
  const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.reason}`);
  return [`Invalid configuration: ${issues.length} environment ${noun} to fix`, ...lines].join('\n');
}
