import { answerBody, stepField } from './step-field';
import { PresetAnswers, splitAssignment } from './value-flags';

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

describe('PresetAnswers', () => {
  it('takes --value and --value-env answers once each', () => {
    const preset = PresetAnswers.parse(['webhook_secret=a=b', 'api_url='], ['backfill_key=KEY_VAR'], { KEY_VAR: 'sk_live' });
    expect(preset.take('webhook_secret')).toBe('a=b');
    expect(preset.take('webhook_secret')).toBeUndefined();
    expect(preset.take('api_url')).toBe('');
    expect(preset.take('backfill_key')).toBe('sk_live');
  });

  it('refuses a flag without a field, without quoting the text (it may be a secret)', () => {
    expect(() => splitAssignment('whsec_supersecret', '--value')).toThrow(/--value expects field=value/);
    expect(() => splitAssignment('whsec_supersecret', '--value')).not.toThrow(/supersecret/);
    expect(() => PresetAnswers.parse([], ['backfill_key=UNSET_VAR'], {})).toThrow(/UNSET_VAR is not set/);
  });
});
