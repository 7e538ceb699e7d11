import { interrupted, usageError } from '../errors/cli-error';
import { PLAIN, Style } from './ansi-style';
import { InputStream, OutputStream } from './cli-io';
import { emptyLine, KeyEffect, LineState, typeKeys } from './line-editor';
import { Prompter, Question } from './prompter';

/**
 * Asks questions on a terminal in raw mode, so that a secret answer is never echoed: not even
 * the terminal's own echo sees it (docs/cli.md#prompts). Visible answers are echoed as typed.
 */
export class TerminalPrompter implements Prompter {
  readonly interactive = true;
  private pending = '';

  constructor(
    private readonly input: InputStream,
    private readonly output: OutputStream,
    private readonly style: Style = PLAIN,
  ) {}

  async ask(question: Question): Promise<string> {
    const suffix = question.defaultValue ? ` [${question.defaultValue}]` : '';
    const hint = question.secret ? this.style.dim(' (input is hidden)') : '';
    this.output.write(`${this.style.bold(question.prompt)}${suffix}${hint} `);
    const answer = await this.readLine(question.secret);
    return answer === '' && question.defaultValue !== undefined ? question.defaultValue : answer;
  }

  private readLine(secret: boolean): Promise<string> {
    const input = this.input;
    return new Promise((resolve, reject) => {
      let state: LineState = emptyLine();
      const echo = (effects: KeyEffect[]) => {
        for (const effect of effects) {
          if (effect.kind === 'enter' || effect.kind === 'abort') this.output.write('\r\n');
          else if (!secret && effect.kind === 'append') this.output.write(effect.text);
          else if (!secret && effect.kind === 'erase') this.output.write('\b \b'.repeat(effect.count));
        }
      };
      const finish = () => {
        input.removeListener('data', onData);
        input.removeListener('end', onEnd);
        input.setRawMode?.(false);
        input.pause();
      };
      const feed = (text: string) => {
        const typed = typeKeys(state, text);
        state = typed.state;
        echo(typed.effects);
        if (!state.done) return;
        finish();
        this.pending = state.rest;
        if (state.aborted) reject(interrupted());
        else resolve(state.value);
      };
      const onData = (chunk: Buffer | string) => feed(chunk.toString());
      const onEnd = () => {
        finish();
        reject(usageError('Input ended before an answer was given.'));
      };
      input.setRawMode?.(true);
      input.on('data', onData);
      input.on('end', onEnd);
      input.resume();
      if (this.pending) {
        const pending = this.pending;
        this.pending = '';
        feed(pending);
      }
    });
  }
}

/** Stdin is not a terminal: a missing answer is an error naming the field and the flag to pass. */
export class NoPrompter implements Prompter {
  readonly interactive = false;

  ask(question: Question): Promise<string> {
    return Promise.reject(
      usageError(`Missing a value for ${question.field} ("${question.prompt}"), and stdin is not a terminal to ask: pass ${question.flag ?? `--value ${question.field}=...`}`, {
        field: question.field,
      }),
    );
  }
}
