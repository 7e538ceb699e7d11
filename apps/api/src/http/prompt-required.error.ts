import { AppError, StateMachineStep, stepToWire } from '@whdb/core';

/**
 * A required parameter is missing (docs/behaviour/integrations-api.md#prompt-required): 422
 * `prompt_required_params`, the step that asks for it in `error.state_machine_step`, and the header
 * `Whdb-Prompt: <param>`.
 */
export class PromptRequiredError extends AppError {
  constructor(
    readonly param: string,
    readonly step: StateMachineStep,
    message = `Please provide ${param}.`,
  ) {
    super('prompt_required_params', message, { state_machine_step: stepToWire(step) });
    this.name = 'PromptRequiredError';
  }
}
