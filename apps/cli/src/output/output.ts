import { CliError } from '../errors/cli-error';
import { oneLine } from '../errors/one-line';
import { PLAIN, Style, styleFor } from '../terminal/ansi-style';
import { OutputStream } from '../terminal/cli-io';

/**
 * Where a command writes (docs/cli.md#output). Without `--json`, people read stdout. With
 * `--json`, stdout holds exactly one JSON document (the result, or `{"error": ...}`) and
 * everything meant for people (step instructions, prompts, progress) goes to stderr.
 */
export class Output {
  constructor(
    private readonly stdout: OutputStream,
    private readonly stderr: OutputStream,
    readonly json: boolean,
    private readonly noColor = true,
  ) {}

  /** Colours for the people-facing stream (plain unless it is a terminal). */
  get style(): Style {
    return styleFor(this.humanStream, this.noColor);
  }

  /** The stream people read: prompts, instructions, progress. */
  get humanStream(): OutputStream {
    return this.json ? this.stderr : this.stdout;
  }

  /** Text for people (a newline is added). */
  say(text: string): void {
    this.humanStream.write(`${text}\n`);
  }

  /** The command's result: `value` as JSON with `--json`, else `human` (when given). */
  result(value: unknown, human?: string): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else if (human !== undefined) this.stdout.write(human.endsWith('\n') ? human : `${human}\n`);
  }

  warn(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  /** One line on stderr, plus the error document on stdout with `--json`. */
  error(error: CliError): void {
    const style = this.noColor ? PLAIN : styleFor(this.stderr, false);
    this.stderr.write(`${style.red('whdb:')} ${oneLine(error.message)}\n`);
    if (this.json) {
      this.stdout.write(`${JSON.stringify({ error: { code: error.code, message: oneLine(error.message), exit_code: error.exitCode, ...error.details } }, null, 2)}\n`);
    }
  }
}
