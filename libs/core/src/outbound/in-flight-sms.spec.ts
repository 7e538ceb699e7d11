import { findInFlightSms } from './in-flight-sms';

describe('findInFlightSms', () => {
  const startedAt = new Date('2026-12-02T12:00:00Z');
  const message = (sid: string, overrides: Record<string, string> = {}) => ({
    sid,
    from: '+15550001111',
    to: '+15552223333',
    body: 'hello',
    date_created: 'Wed, 02 Dec 2026 12:00:01 +0000',
    ...overrides,
  });
  const attempt = { from: '+15550001111', to: '+15552223333', body: 'hello', startedAt };

  it('adopts the message with the same from, to and body created after the start', () => {
    expect(findInFlightSms([message('SM2')], attempt)?.['sid']).toBe('SM2');
  });

  it('ignores other bodies, other numbers and messages older than the start (minus skew)', () => {
    const others = [
      message('A', { body: 'hello!' }),
      message('B', { to: '+15559999999' }),
      message('C', { from: '+15558888888' }),
      message('D', { date_created: 'Wed, 02 Dec 2026 11:58:00 +0000' }),
    ];
    expect(findInFlightSms(others, attempt)).toBeNull();
  });

  it('takes the oldest match and never a claimed sid', () => {
    const list = [message('NEW', { date_created: 'Wed, 02 Dec 2026 12:05:00 +0000' }), message('OLD')];
    expect(findInFlightSms(list, attempt)?.['sid']).toBe('OLD');
    expect(findInFlightSms(list, { ...attempt, claimedSids: new Set(['OLD']) })?.['sid']).toBe('NEW');
  });
});
