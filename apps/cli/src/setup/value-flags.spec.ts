import { PresetAnswers, splitAssignment } from './value-flags';

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
