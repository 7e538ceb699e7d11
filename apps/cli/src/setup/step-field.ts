import { StepBody } from '../http/wire-types';

/**
 * The name of what a step asks for, used by `--value <field>=...` and in errors: the body key when
 * it is not the generic `value` (`guard_confirm`, `confirm`), else the transition's field, the
 * last segment of `.../transition/<field>` (docs/behaviour/state-machines.md#transitions).
 */
export function stepField(step: Pick<StepBody, 'post_params_value_key' | 'post_to_url'>): string {
  const key = step.post_params_value_key || 'value';
  if (key !== 'value') return key;
  const match = /\/transition\/([^/?#]+)/.exec(step.post_to_url);
  return match ? decodeURIComponent(match[1]) : key;
}

/** The body that answers a step: its `post_params` plus the answer under `post_params_value_key`. */
export function answerBody(step: Pick<StepBody, 'post_params' | 'post_params_value_key'>, answer: string): Record<string, unknown> {
  return { ...(step.post_params ?? {}), [step.post_params_value_key || 'value']: answer };
}
