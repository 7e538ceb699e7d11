import { isConfigError } from '../config/config-error';

export interface RunMainOptions {
  /** For tests. */
  readonly stderr?: { write(text: string): unknown };
  readonly exit?: (code: number) => void;
}

/**
 * The body of every `main.ts`: runs `main`; a `ConfigError` is printed to stderr as one clear
 * message (every bad variable, no stack) and any other start-up failure with its stack; both exit 1.
 */
export async function runMain(main: () => unknown, options: RunMainOptions = {}): Promise<void> {
  const stderr = options.stderr ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  try {
    await main();
  } catch (error) {
    if (isConfigError(error)) stderr.write(`${error.message}\n`);
    else stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exit(1);
  }
}
