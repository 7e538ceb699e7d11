/**
 * One step of an integration's setup conversation (docs/behaviour/state-machines.md#step-shape).
 * Serialized by `stepToWire`; the api adds the `service_integration` summary at the HTTP edge.
 */
export interface StateMachineStep {
  readonly needsInput: boolean;
  readonly prompt: string;
  readonly promptIsSecret: boolean;
  readonly postToUrl: string;
  readonly postParams: Readonly<Record<string, unknown>>;
  readonly postParamsValueKey: string;
  readonly complete: boolean;
  readonly output: string;
  readonly errorCode: string;
}

export const EMPTY_STEP: StateMachineStep = Object.freeze({
  needsInput: false,
  prompt: '',
  promptIsSecret: false,
  postToUrl: '',
  postParams: {},
  postParamsValueKey: 'value',
  complete: false,
  output: '',
  errorCode: '',
});

/** Fields a transition may set (docs/behaviour/state-machines.md#transitions); anything else is a 400. */
export const TRANSITION_FIELDS = ['webhook_secret', 'backfill_key', 'backfill_secret', 'api_url', 'dependency_choice', 'noop_create'] as const;
export type TransitionField = (typeof TRANSITION_FIELDS)[number];

export function isTransitionField(field: string): field is TransitionField {
  return (TRANSITION_FIELDS as readonly string[]).includes(field);
}

/** Builds steps the way WebhookDB's helpers do (`prompting`, `secret_prompt`, `completed`). */
export const Steps = {
  /** Asks for `field` (human name) to be POSTed to `<authedApiPath>/transition/<transitionField>`. */
  prompting(label: string, authedApiPath: string, transitionField: TransitionField, output = '', secret = false): StateMachineStep {
    return {
      ...EMPTY_STEP,
      needsInput: true,
      complete: false,
      prompt: `Paste or type your ${label} here:`,
      promptIsSecret: secret,
      postToUrl: `${authedApiPath}/transition/${transitionField}`,
      output,
    };
  },
  secretPrompt(label: string, authedApiPath: string, transitionField: TransitionField, output = ''): StateMachineStep {
    return Steps.prompting(label, authedApiPath, transitionField, output, true);
  },
  completed(output: string, errorCode = ''): StateMachineStep {
    return { ...EMPTY_STEP, complete: true, needsInput: false, output, errorCode };
  },
};

export function isSuccessful(step: StateMachineStep): boolean {
  return step.complete && step.errorCode === '';
}

/** Snake-case wire form (docs/behaviour/state-machines.md#step-shape). */
export function stepToWire(step: StateMachineStep): Record<string, unknown> {
  return {
    needs_input: step.needsInput,
    prompt: step.prompt,
    prompt_is_secret: step.promptIsSecret,
    post_to_url: step.postToUrl,
    post_params: step.postParams,
    post_params_value_key: step.postParamsValueKey,
    complete: step.complete,
    output: step.output,
    error_code: step.errorCode,
  };
}
