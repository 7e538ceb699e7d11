import { ApiError } from '../http/api-error';
import { promptStepOfError } from '@whdb/core';
import { StepBody } from '../http/wire-types';

/**
 * A 422 `prompt_required_params` answer carries the step that asks for the missing parameter
 * (docs/behaviour/integrations-api.md#prompt-required): the CLI asks it like any other step.
 */
export function promptStepOf(error: unknown): StepBody | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return promptStepOfError(error.status, error.error) as StepBody | undefined;
}

/** Runs a request whose 422 prompt is the first question; other errors propagate. */
export async function stepOrPrompt(request: () => Promise<unknown>): Promise<{ body: unknown; notice?: string }> {
  try {
    return { body: await request() };
  } catch (error) {
    const step = promptStepOf(error);
    if (!step) throw error;
    return { body: step, notice: (error as ApiError).message };
  }
}
