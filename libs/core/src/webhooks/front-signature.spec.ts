import { createHmac } from 'node:crypto';
import { frontTimestampMs, verifyFrontSignature } from './front-signature';

const sign = (secret: string, ts: string, body: string) => createHmac('sha256', secret).update(`${ts}:${body}`).digest('base64');

describe('Front signature (docs/behaviour/signatures.md#front)', () => {
  const body = '{"type":"authorization","payload":{"channel_id":"cha_123"}}';
  const vectorNow = new Date(1700000000000);

  it('accepts the golden vector (secret "secret", timestamp 1700000000000)', () => {
    const headers = { 'x-front-signature': 'QUYE+IUqMIohvRYHyhwUaDUvOj5ZzHIBqVCJLCsI87Q=', 'x-front-request-timestamp': '1700000000000' };
    expect(verifyFrontSignature(headers, body, 'secret', vectorNow)).toEqual({ ok: true });
  });

  it('reads timestamps in seconds and in milliseconds', () => {
    expect(frontTimestampMs('1700000000')).toBe(1700000000000);
    expect(frontTimestampMs('1700000000000')).toBe(1700000000000);
    expect(frontTimestampMs('1700000000.5')).toBe(1700000000500);
    expect(frontTimestampMs('yesterday')).toBeNull();
    expect(frontTimestampMs(undefined)).toBeNull();
    const seconds = '1700000000';
    expect(verifyFrontSignature({ 'x-front-signature': sign('s', seconds, body), 'x-front-request-timestamp': seconds }, body, 's', vectorNow)).toEqual({ ok: true });
  });

  it.each([
    ['seconds, 5 min 1 s old', String(1700000000 - 301), 'stale timestamp'],
    ['milliseconds, 5 min 1 s old', String(1700000000000 - 301_000), 'stale timestamp'],
    ['milliseconds, 5 min 1 s ahead', String(1700000000000 + 301_000), 'stale timestamp'],
  ])('refuses a correctly signed but stale request (%s)', (_name, ts, reason) => {
    expect(verifyFrontSignature({ 'x-front-signature': sign('s', ts, body), 'x-front-request-timestamp': ts }, body, 's', vectorNow)).toEqual({ ok: false, reason });
  });

  it('accepts a request exactly at the tolerance, and honours a configured tolerance', () => {
    const ts = String(1700000000000 - 300_000);
    const headers = { 'x-front-signature': sign('s', ts, body), 'x-front-request-timestamp': ts };
    expect(verifyFrontSignature(headers, body, 's', vectorNow)).toEqual({ ok: true });
    expect(verifyFrontSignature(headers, body, 's', vectorNow, 60_000)).toEqual({ ok: false, reason: 'stale timestamp' });
  });

  it.each([
    [{}, 'missing signature'],
    [{ 'x-front-request-timestamp': '1700000000000' }, 'missing signature'],
    [{ 'x-front-signature': 'abc' }, 'missing timestamp'],
    [{ 'x-front-signature': 'abc', 'x-front-request-timestamp': 'soon' }, 'missing timestamp'],
    [{ 'x-front-signature': 'QUYE+IUqMIohvRYHyhwUaDUvOj5ZzHIBqVCJLCsI87Q=', 'x-front-request-timestamp': '1700000000001' }, 'invalid signature'],
  ])('refuses %p as %p', (headers, reason) => {
    expect(verifyFrontSignature(headers as Record<string, string>, body, 'secret', vectorNow)).toEqual({ ok: false, reason });
  });

  it('refuses a signature over another body or with another secret, and everything with an empty secret', () => {
    const ts = '1700000000000';
    expect(verifyFrontSignature({ 'x-front-signature': sign('s', ts, `${body} `), 'x-front-request-timestamp': ts }, body, 's', vectorNow)).toMatchObject({ reason: 'invalid signature' });
    expect(verifyFrontSignature({ 'x-front-signature': sign('t', ts, body), 'x-front-request-timestamp': ts }, body, 's', vectorNow)).toMatchObject({ reason: 'invalid signature' });
    expect(verifyFrontSignature({ 'x-front-signature': sign('', ts, body), 'x-front-request-timestamp': ts }, body, '', vectorNow)).toMatchObject({ ok: false });
  });

  it('accepts the "<ts>:undefined" base string Front uses for bodiless requests', () => {
    const ts = '1700000000000';
    expect(verifyFrontSignature({ 'x-front-signature': sign('s', ts, 'undefined'), 'x-front-request-timestamp': ts }, '', 's', vectorNow)).toEqual({ ok: true });
  });
});
