import fc from 'fast-check';
import { hostileJsonValue, hostileString, nestJson } from '@whdb/testing';

/**
 * Methods a client may send. CONNECT is left out: Node's HTTP server closes such a connection
 * itself (it is a tunnel request, never routed to the app). Mixed-case and unknown tokens are
 * refused by Node's parser with a 400 before the app sees them.
 */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'M-SEARCH', 'FOO', 'post', 'Get'] as const;

export function method(): fc.Arbitrary<string> {
  return fc.constantFrom(...METHODS);
}

/**
 * Node's own refusals (a 400 for a bad method, 431 for a head over 16 KiB) close the connection
 * without reading the rest: a client still sending then gets a reset instead of the answer. The
 * fuzz keeps what Node refuses small, so that it tests our answers, not that race.
 */
export function nodeParsesMethod(name: string): boolean {
  return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'M-SEARCH'].includes(name);
}

/** Percent-encodes every byte of the UTF-8 form but unreserved characters (lone surrogates become U+FFFD). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** A path segment as it appears in the request target: odd percent-encodings, dot segments, long ids. */
export function pathSegment(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileString(60, 1_500).map(percentEncode),
    fc.constantFrom('%00', '%ff', '%', '%zz', '%C0%AE', '%2e%2e', '..', '.', '%2F', '%5C', '%0d%0a', '%E2%80%AE', 'svi_abc%00', '%00svi', '~', '*', ':', '@'),
    fc.integer({ min: 200, max: 4_000 }).map((n) => 'a'.repeat(n)),
    fc.integer({ min: 1, max: 400 }).map((n) => '%00'.repeat(n)),
    fc.stringMatching(/^[a-z0-9_]{1,20}$/),
    fc.constantFrom('12345678901234567890', '-1', '0', '2147483648', '1e3', 'svi_', 'increase_account_v1'),
  );
}

/** A query string, sometimes absent, sometimes hostile. */
export function queryString(): fc.Arbitrary<string> {
  return fc.oneof(fc.constant(''), fc.constantFrom('?skipbotcheck', '?a=%00', '?%ff=1', '?a[b][c]=1', '?__proto__[x]=1', `?${'a=1&'.repeat(500)}`), hostileString(40, 2_000).map((s) => `?q=${percentEncode(s)}`));
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=junk!!',
  'application/json;;;charset=',
  'APPLICATION/JSON',
  'text/plain',
  'text/html; charset=iso-8859-1',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/vnd.api+json',
  '*/*',
  '',
];

/** A header value Node's parser accepts (visible ASCII, tab, obs-text bytes), sometimes very long. */
function headerValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abc\t !"#%&()*,;=?@[\\]{}\u0080\u00ff'), maxLength: 50 }),
    fc.integer({ min: 1_000, max: 6_000 }).map((n) => 'x'.repeat(n)),
  );
}

/** Headers that lie about the body, repeat, or are simply large. Never Content-Length or Transfer-Encoding. */
export function hostileHeaders(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record(
      {
        'content-type': fc.constantFrom(...CONTENT_TYPES),
        'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-junk', 'gzip, gzip'),
        'x-fuzz': headerValue(),
        'user-agent': fc.constantFrom('Googlebot/2.1', 'curl/8', ''),
        'x-correlation-id': headerValue(),
        accept: fc.constantFrom('application/json', 'text/html', '*/*', '\u00ff'),
      },
      { requiredKeys: [] },
    )
    .map((headers) => Object.fromEntries(Object.entries(headers)));
}

/**
 * Bodies: random bytes, hostile JSON, deep nesting, UTF-16, large documents (up to 900 kB: below
 * the ingress limit of 1 MiB, above the api's 100 kB; bodies over the ingress limit have tests of
 * their own).
 */
export function hostileBody(): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)), weight: 3 },
    { arbitrary: hostileJsonValue().map((value) => Buffer.from(JSON.stringify(value), 'utf8')), weight: 4 },
    { arbitrary: fc.dictionary(hostileString(20), hostileJsonValue(), { maxKeys: 5 }).map((value) => Buffer.from(JSON.stringify(value), 'utf8')), weight: 3 },
    { arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((depth) => Buffer.from('['.repeat(depth) + ']'.repeat(depth))), weight: 1 },
    { arbitrary: fc.integer({ min: 600, max: 3_000 }).map((depth) => Buffer.from(JSON.stringify({ id: 'account_deep', nested: nestJson(depth) }))), weight: 1 },
    { arbitrary: hostileJsonValue().map((value) => Buffer.from(`\ufeff${JSON.stringify(value)}`, 'utf16le')), weight: 1 },
    { arbitrary: fc.integer({ min: 100_000, max: 900_000 }).map((n) => Buffer.from(JSON.stringify({ big: 'x'.repeat(n) }))), weight: 1 },
    { arbitrary: fc.constant(Buffer.alloc(0)), weight: 1 },
  );
}
