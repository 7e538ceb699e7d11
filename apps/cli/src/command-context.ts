import { CliError } from './errors/cli-error';
import { ExitCode, ExitCodeValue } from './errors/exit-codes';
import { resolveSession, Session } from './config/resolve-session';
import { ApiClient } from './http/api-client';
import { ApiError, cliErrorFromApi } from './http/api-error';
import { Output } from './output/output';
import { CliIo } from './terminal/cli-io';
import { Prompter } from './terminal/prompter';
import { NoPrompter, TerminalPrompter } from './terminal/terminal-prompter';

/** Options every command has (docs/cli.md#every-command). */
export interface CommonOptions {
  readonly json?: boolean;
  readonly org?: string;
}

/** What a command's action is given: the terminal, the session, and where its exit status goes. */
export class CommandContext {
  exitCode: ExitCodeValue = ExitCode.ok;

  constructor(readonly io: CliIo) {}

  /** Runs a command body: any failure becomes one line on stderr and a non-zero exit status. */
  async run(commandName: string, options: CommonOptions, body: (out: Output) => Promise<void>): Promise<void> {
    const out = new Output(this.io.stdout, this.io.stderr, Boolean(options.json), this.io.env.noColor);
    try {
      await body(out);
    } catch (error) {
      const failure = toCliError(error, commandName);
      out.error(failure);
      this.exitCode = failure.exitCode;
    }
  }

  /** The logged-in session (a warning is printed when the login file is readable by others). */
  async session(out: Output, org?: string): Promise<Session> {
    const session = await resolveSession(this.io.env, org);
    if (session.warning) out.warn(session.warning);
    return session;
  }

  api(session: Session): ApiClient {
    return new ApiClient(session.apiUrl, session.token);
  }

  /**
   * Prompts on the terminal, or nowhere when stdin is not one (docs/cli.md#non-interactive-use).
   * Questions go where the person sees them: stderr when stdout is redirected.
   */
  prompter(out: Output): Prompter {
    if (!this.io.stdin.isTTY) return new NoPrompter();
    const stream = this.io.stdout.isTTY ? out.humanStream : this.io.stderr;
    return new TerminalPrompter(this.io.stdin, stream, out.style);
  }
}

export function toCliError(error: unknown, commandName: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ApiError) return cliErrorFromApi(error, commandName);
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(`Unexpected error: ${message}`, ExitCode.failed, 'internal_error');
}
