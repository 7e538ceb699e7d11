import { normalizeHeaders, parseWebhookBody } from './webhook-request';
import { constantTimeEquals } from './signatures';
import { WebhookResponses } from './webhook-response';

describe('webhook request helpers', () => {
  it('lower-cases header names and joins repeated values', () => {
    expect(normalizeHeaders({ 'X-A': '1', 'Set-Thing': ['a', 'b'], gone: undefined })).toEqual({ 'x-a': '1', 'set-thing': 'a, b' });
  });

  it('parses JSON, keeps form bodies as strings, treats empty as {}', () => {
    expect(parseWebhookBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ ok: true, body: { a: 1 } });
    expect(parseWebhookBody('A=1&B=2', 'application/x-www-form-urlencoded')).toEqual({ ok: true, body: 'A=1&B=2' });
    expect(parseWebhookBody('', 'application/json')).toEqual({ ok: true, body: {} });
  });

  it('reports malformed JSON as a value', () => {
    const parsed = parseWebhookBody('{"a":', 'application/json');
    expect(parsed.ok).toBe(false);
  });

  it('keeps the body out of the reason for malformed JSON (only the position)', () => {
    const parsed = parseWebhookBody('{"card":"4111 1111 1111 1111" oops}', 'application/json');
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/^malformed JSON body( \(at position \d+\))?$/) });
    expect(JSON.stringify(parsed)).not.toContain('4111');
  });

  it('compares strings in constant time without throwing on length mismatch', () => {
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abd')).toBe(false);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
  });

  it('builds the default responses', () => {
    expect(WebhookResponses.ok()).toMatchObject({ status: 202, body: '{"o":"k"}' });
    expect(WebhookResponses.error('nope')).toMatchObject({ status: 401, body: '{"message":"nope"}', reason: 'nope' });
    expect(() => WebhookResponses.error('')).toThrow();
  });
});
