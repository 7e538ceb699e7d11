import fc from 'fast-check';
import { toJsonbText } from './json';

/** What Postgres jsonb refuses in JSON text: an escaped NUL, or an escaped surrogate that is not part of a pair. */
const REFUSED_BY_JSONB = /(?<!\\)(?:\\\\)*\\u(?:0000|d[c-f][0-9a-f]{2}|d[89ab][0-9a-f]{2}(?!\\ud[c-f]))/i;

describe('toJsonbText', () => {
  it('removes escaped NULs that Postgres jsonb rejects', () => {
    expect(toJsonbText({ a: 'x\u0000y' })).toBe('{"a":"xy"}');
  });

  it('keeps an escaped backslash followed by the literal text u0000', () => {
    const text = toJsonbText({ a: '\\u0000' });
    expect(JSON.parse(text)).toEqual({ a: '\\u0000' });
  });

  it('replaces lone surrogates, in values and keys, with U+FFFD and keeps pairs', () => {
    expect(JSON.parse(toJsonbText({ ['k\udc00']: 'v\ud800', ok: '\ud83d\ude00' }))).toEqual({ ['k\ufffd']: 'v\ufffd', ok: '\ud83d\ude00' });
    expect(JSON.parse(toJsonbText('\\\ud800'))).toBe('\\\ufffd');
  });

  it('gives valid JSON with nothing jsonb refuses, for any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.string({ unit: 'binary' }), (value, text) => {
        const document = { value, text, [text]: text };
        const serialized = toJsonbText(document);
        expect(REFUSED_BY_JSONB.test(serialized)).toBe(false);
        expect(() => JSON.parse(serialized)).not.toThrow();
      }),
      { numRuns: 300, seed: 6 },
    );
  });
});
