import { formatE164 } from './e164';

describe('formatE164 (docs/behaviour/replicator-framework.md#phone-numbers)', () => {
  it.each([
    ['2223334444', '+12223334444'],
    ['+2223334444', '+12223334444'],
    ['(222) 333-4444', '+12223334444'],
    ['1-222-333-4444', '+12223334444'],
    ['+12223334444', '+12223334444'],
    ['92223334444', '+92223334444'],
  ])('maps %s to %s exactly as WebhookDB does', (input, expected) => {
    expect(formatE164(input)).toBe(expected);
  });

  it.each([[''], ['   '], [null], [undefined], ['12345'], ['abc']])('gives null for %p', (input) => {
    expect(formatE164(input as string | null | undefined)).toBeNull();
  });

  it('recognises valid international numbers WebhookDB drops (docs/behaviour/replicator-framework.md#phone-numbers)', () => {
    expect(formatE164('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('still gives null for invalid international numbers and for numbers without a country', () => {
    expect(formatE164('+44 12')).toBeNull();
    expect(formatE164('020 7946 09')).toBeNull();
  });
});
