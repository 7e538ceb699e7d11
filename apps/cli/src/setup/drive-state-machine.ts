import { answerBody, declinesGuard, stepField } from '@whdb/core';
import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';
import { ApiClient } from '../http/api-client';
import { ApiError } from '../http/api-error';
import { isStep, StepBody } from '../http/wire-types';
import { Output } from '../output/output';
import { Prompter } from '../terminal/prompter';
import { promptStepOf } from './prompt-step';
import { PresetAnswers } from './value-flags';

export interface StateMachineDriver {
  readonly api: Pick<ApiClient, 'post'>;
  readonly prompter: Prompter;
  readonly preset: PresetAnswers;
  readonly out: Output;
  /** The flag that answers a field, for the error without a terminal (default `--value <field>=...`). */
  readonly flagFor?: (field: string) => string | undefined;
}

/**
 * Runs a setup conversation to its end (docs/behaviour/state-machines.md; docs/cli.md#setup):
 * shows each step's `output`, asks its `prompt` (hidden when `prompt_is_secret`), posts the answer
 * to `post_to_url` with `post_params`, and goes on with the step the api answers. A refused answer
 * (a 400, or a 422 prompt for the same thing) is shown and asked again. Returns the last answer:
 * a completed step, or the body of a final request that is not a step (e.g. delete's message).
 */
export async function driveStateMachine(first: unknown, driver: StateMachineDriver, notice?: string): Promise<unknown> {
  let body = first;
  let refusal: string | undefined;
  const answered = new Set<string>();
  // Why the api asks before any answer ("Acme already has an integration of ...") is not an error.
  if (notice) driver.out.say(notice);
  while (isStep(body)) {
    const step: StepBody = body;
    if (refusal) driver.out.say(`${driver.out.style.red('error:')} ${refusal}`);
    if (step.output) driver.out.say(step.output);
    if (step.complete) return step;
    if (!step.needs_input) {
      throw new CliError('The api sent a step that neither needs input nor is complete.', ExitCode.failed, 'invalid_step');
    }
    const answer = await answerFor(step, driver, refusal, answered).catch((error: unknown) => {
      throw withIntegrationHint(error, step);
    });
    if (declinesGuard(step, answer)) throw new CliError('Cancelled: nothing was created.', ExitCode.failed, 'cancelled');
    try {
      body = await driver.api.post<unknown>(step.post_to_url, answerBody(step, answer));
      refusal = undefined;
    } catch (error) {
      const prompt = promptStepOf(error);
      if (prompt) {
        body = { ...prompt, output: '' };
        refusal = (error as ApiError).message;
      } else if (error instanceof ApiError && error.status === 400) {
        body = { ...step, output: '' };
        refusal = error.message;
      } else {
        throw error;
      }
    }
  }
  return body;
}

async function answerFor(step: StepBody, driver: StateMachineDriver, refusal: string | undefined, answered: Set<string>): Promise<string> {
  const field = stepField(step);
  const preset = driver.preset.take(field);
  const askedAgain = answered.has(field);
  answered.add(field);
  if (preset !== undefined) return preset;
  if (!driver.prompter.interactive && askedAgain) {
    // Without a terminal a refused value cannot be corrected: stop with the api's reason.
    const reason = refusal ?? step.output.split('\n').find((line) => line.trim()) ?? 'it asked again';
    throw new CliError(`The api refused the value given for ${field}: ${reason}`, ExitCode.failed, 'value_refused', { field });
  }
  return driver.prompter.ask({ field, prompt: step.prompt || `Enter ${field}:`, secret: step.prompt_is_secret, flag: driver.flagFor?.(field) });
}

/** A conversation that stops after the integration exists says so, and how to take it up again. */
function withIntegrationHint(error: unknown, step: StepBody): unknown {
  const id = step.service_integration?.opaque_id;
  if (!(error instanceof CliError) || !id) return error;
  return new CliError(`${error.message} The integration ${id} exists; answer its setup with: whdb integrations reset ${id}`, error.exitCode, error.code, {
    ...error.details,
    service_integration: step.service_integration,
  });
}
