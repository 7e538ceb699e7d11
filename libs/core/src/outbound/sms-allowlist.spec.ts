import { SmsAllowlist } from './sms-allowlist';

describe('SmsAllowlist (SPEC 15.5, section 0.4)', () => {
  it('allows nothing when empty', () => {
    expect(new SmsAllowlist([]).allows('+12223334444')).toBe(false);
    expect(new SmsAllowlist(['', ' ']).allows('+12223334444')).toBe(false);
  });

  it('matches fnmatch globs: *, ?, sets, literal +', () => {
    const list = new SmsAllowlist(['+1222*', '+1333555444?', '+1444[0-4]*', '+1555[!0]000000']);
    expect(list.allows('+12223334444')).toBe(true);
    expect(list.allows('+13335554449')).toBe(true);
    expect(list.allows('+133355544490')).toBe(false);
    expect(list.allows('+14443334444')).toBe(true);
    expect(list.allows('+14449334444')).toBe(false);
    expect(list.allows('+15551000000')).toBe(true);
    expect(list.allows('+15550000000')).toBe(false);
    expect(list.allows('12223334444')).toBe(false);
  });

  it('treats * alone as everyone (acceptance environments)', () => {
    expect(new SmsAllowlist(['*']).allows('+447700900123')).toBe(true);
  });
});
