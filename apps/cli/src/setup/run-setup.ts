import { Command } from 'commander';
import { CommandContext } from '../command-context';
import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { ApiClient } from '../http/api-client';
import { isStep, StepBody } from '../http/wire-types';
import { Output } from '../output/output';
import { driveStateMachine } from './drive-state-machine';
import { stepOrPrompt } from './prompt-step';
import { collect, PresetAnswers } from './value-flags';

/** `--value` / `--value-env` of the commands that run a setup conversation. */
export interface ValueOptions {
  readonly value?: string[];
  readonly valueEnv?: string[];
}

export function withValueOptions(command: Command): Command {
  return command
    .option('--value <field=value>', 'answer a setup question without asking, e.g. webhook_secret=... (repeatable)', collect)
    .option('--value-env <field=VARIABLE>', 'answer a setup question with an environment variable, e.g. webhook_secret=INCREASE_SECRET (repeatable)', collect);
}

/**
 * Sends the request that starts a conversation (a 422 prompt becomes the first question) and runs
 * it to the end; a completed step with an `error_code` is an error (docs/cli.md#setup).
 */
export async function runSetup(
  ctx: CommandContext,
  out: Output,
  api: ApiClient,
  options: ValueOptions & { readonly flagFor?: (field: string) => string | undefined },
  start: () => Promise<unknown>,
  preset?: PresetAnswers,
): Promise<unknown> {
  const answers = preset ?? PresetAnswers.parse(options.value ?? [], options.valueEnv ?? [], ctx.io.env.variables);
  const { body, notice } = await stepOrPrompt(start);
  const last = await driveStateMachine(body, { api, prompter: ctx.prompter(out), preset: answers, out, flagFor: options.flagFor }, notice);
  if (isStep(last)) assertSuccessful(last);
  return last;
}

export function assertSuccessful(step: StepBody): void {
  if (!step.error_code) return;
  const reason = step.output.split('\n').find((line) => line.trim()) ?? step.error_code;
  throw new CliError(`Setup did not complete (${step.error_code}): ${reason}`, ExitCode.failed, step.error_code);
}
