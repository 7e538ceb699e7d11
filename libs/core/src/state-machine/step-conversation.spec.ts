import { answerBody, declinesGuard, promptStepOfError, stepField } from './step-conversation';

describe('stepField', () => {
  it('is the transition field for the generic value key', () => {
    expect(stepField({ post_params_value_key: 'value', post_to_url: '/v1/organizations/7/service_integrations/svi_a/transition/webhook_secret' })).toBe('webhook_secret');
  });

  it('is the body key when it is not value (guard_confirm, confirm)', () => {
    expect(stepField({ post_params_value_key: 'guard_confirm', post_to_url: '/v1/organizations/acme/service_integrations/create' })).toBe('guard_confirm');
    expect(stepField({ post_params_value_key: 'confirm', post_to_url: '/v1/organizations/acme/service_integrations/svi_a/delete' })).toBe('confirm');
  });

  it('falls back to value when the URL names no field', () => {
    expect(stepField({ post_params_value_key: '', post_to_url: '/v1/somewhere' })).toBe('value');
  });
});

describe('answerBody', () => {
  it('sends post_params plus the answer under post_params_value_key', () => {
    expect(answerBody({ post_params: { service_name: 'increase_account_v1' }, post_params_value_key: 'guard_confirm' }, 'yes')).toEqual({
      service_name: 'increase_account_v1',
      guard_confirm: 'yes',
    });
    expect(answerBody({ post_params: {}, post_params_value_key: '' }, 's3cret')).toEqual({ value: 's3cret' });
  });
});

describe('declinesGuard', () => {
  it('declines "create another one?" unless the answer is a yes the api reads', () => {
    const guard = { post_params_value_key: 'guard_confirm' };
    expect(['n', 'no', '', 'maybe'].map((answer) => declinesGuard(guard, answer))).toEqual([true, true, true, true]);
    expect(['y', 'YES', ' true ', '1'].map((answer) => declinesGuard(guard, answer))).toEqual([false, false, false, false]);
    expect(declinesGuard({ post_params_value_key: 'value' }, 'n')).toBe(false);
  });
});

describe('promptStepOfError', () => {
  const step = { needs_input: true, complete: false, prompt: 'Enter the new name of the table:', post_params_value_key: 'new_name' };
  it('is the step of a 422 prompt_required_params answer, nothing otherwise', () => {
    expect(promptStepOfError(422, { code: 'prompt_required_params', state_machine_step: step })).toBe(step);
    expect(promptStepOfError(400, { code: 'prompt_required_params', state_machine_step: step })).toBeUndefined();
    expect(promptStepOfError(422, { code: 'invalid_input', state_machine_step: step })).toBeUndefined();
    expect(promptStepOfError(422, { code: 'prompt_required_params' })).toBeUndefined();
    expect(promptStepOfError(422, null)).toBeUndefined();
  });
});
