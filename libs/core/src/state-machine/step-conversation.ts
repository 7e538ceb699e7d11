/**
 * How a client answers the api's setup steps (docs/behaviour/state-machines.md#step-shape): the
 * rules the `whdb` CLI and the web setup terminal share (docs/cli.md#setup, docs/setup-terminal.md).
 * Pure and dependency-free: it is also bundled into the browser page (`@whdb/core/browser`).
 */

/** An integration as the api names it in a step. */
export interface WireIntegrationSummary {
  readonly opaque_id: string;
  readonly service_name: string;
  readonly table_name: string;
}

/** A state-machine step as the api sends it (snake_case, CONTRACT "HTTP: api"). */
export interface WireStep {
  readonly needs_input: boolean;
  readonly prompt: string;
  readonly prompt_is_secret: boolean;
  readonly post_to_url: string;
  readonly post_params: Readonly<Record<string, unknown>>;
  readonly post_params_value_key: string;
  readonly complete: boolean;
  readonly output: string;
  readonly error_code: string;
  readonly service_integration?: WireIntegrationSummary;
  /** The id of the job a completed backfill machine enqueued (docs/behaviour/state-machines.md#backfill-on-completion). */
  readonly backfill_job_id?: string;
}

export function isWireStep(body: unknown): body is WireStep {
  return typeof body === 'object' && body !== null && typeof (body as WireStep).complete === 'boolean' && typeof (body as WireStep).needs_input === 'boolean';
}

/**
 * The name of what a step asks for: the body key when it is not the generic `value`
 * (`guard_confirm`, `confirm`), else the transition's field, the last segment of
 * `.../transition/<field>` (docs/behaviour/state-machines.md#transitions).
 */
export function stepField(step: Pick<WireStep, 'post_params_value_key' | 'post_to_url'>): string {
  const key = step.post_params_value_key || 'value';
  if (key !== 'value') return key;
  const match = /\/transition\/([^/?#]+)/.exec(step.post_to_url);
  return match ? decodeURIComponent(match[1]!) : key;
}

/** The body that answers a step: its `post_params` plus the answer under `post_params_value_key`. */
export function answerBody(step: Pick<WireStep, 'post_params' | 'post_params_value_key'>, answer: string): Record<string, unknown> {
  return { ...(step.post_params ?? {}), [step.post_params_value_key || 'value']: answer };
}

/**
 * "Create another one? (y/n)" answered with anything but yes: the api would ask again, so the
 * client stops (the api reads y, yes, true and 1 as yes: docs/behaviour/integrations-api.md#create-an-integration).
 */
export function declinesGuard(step: Pick<WireStep, 'post_params_value_key'>, answer: string): boolean {
  return step.post_params_value_key === 'guard_confirm' && !/^(y|yes|true|1)$/i.test(answer.trim());
}

/**
 * The step of a 422 `prompt_required_params` answer (docs/behaviour/integrations-api.md#prompt-required):
 * the client asks it like any other step. `errorBody` is the `error` object of the answer.
 */
export function promptStepOfError(status: number, errorBody: unknown): WireStep | undefined {
  if (status !== 422 || typeof errorBody !== 'object' || errorBody === null) return undefined;
  const error = errorBody as { code?: unknown; state_machine_step?: unknown };
  if (error.code !== 'prompt_required_params') return undefined;
  return isWireStep(error.state_machine_step) ? error.state_machine_step : undefined;
}

/** The first non-blank line of a step's output: the reason to quote when a step failed or asked again. */
export function firstLine(text: string): string | undefined {
  return text.split('\n').find((line) => line.trim());
}
