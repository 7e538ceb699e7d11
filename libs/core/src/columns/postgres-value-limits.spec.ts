import {
  boundByteLength,
  integerOf,
  isStorableDecimalText,
  isStorableYear,
  isWithinJsonDepth,
  MAX_JSON_DEPTH,
  toStorableText,
} from './postgres-value-limits';

/** Nests `[]` `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i += 1) value = [value];
  return value;
}

describe('postgres value limits (docs/bad-input.md)', () => {
  it('reads integers from integral numbers and decimal digits only', () => {
    expect(integerOf(42)).toBe(42n);
    expect(integerOf(' -7 ')).toBe(-7n);
    expect(integerOf('99999999999999999999999')).toBe(99999999999999999999999n);
    expect(integerOf(1.5)).toBeNull();
    expect(integerOf('0x10')).toBeNull();
    expect(integerOf('1e3')).toBeNull();
    expect(integerOf(true)).toBeNull();
  });

  it('accepts decimal notation numeric can hold, and nothing else', () => {
    for (const text of ['0', '-1.5', '.5', '5.', '+3e10', '1e131071', '1e-16383', '0.0100000000000000002']) expect(isStorableDecimalText(text)).toBe(true);
    for (const text of ['', '.', 'e5', '0x1F', '1_000', 'NaN', 'Infinity', '1e131072', '1e-16384', '1e9999999999', '1 2']) expect(isStorableDecimalText(text)).toBe(false);
    expect(isStorableDecimalText(`0.${'0'.repeat(16_382)}1`)).toBe(true);
    expect(isStorableDecimalText(`0.${'0'.repeat(16_383)}1`)).toBe(false);
  });

  it('keeps timestamps to years 1-9999, which an ISO string carries in four digits', () => {
    expect(isStorableYear(new Date('0001-01-01T00:00:00Z'))).toBe(true);
    expect(isStorableYear(new Date('9999-12-31T23:59:59Z'))).toBe(true);
    expect(isStorableYear(new Date('0000-06-01T00:00:00Z'))).toBe(false);
    expect(isStorableYear(new Date(8.64e15))).toBe(false);
  });

  it('removes NUL and replaces lone surrogates, keeping paired ones', () => {
    expect(toStorableText('a\u0000b\u0000')).toBe('ab');
    expect(toStorableText('x\ud800y\udc00')).toBe('x\ufffdy\ufffd');
    expect(toStorableText('smile \ud83d\ude00')).toBe('smile \ud83d\ude00');
  });

  it('measures bound values in UTF-8 bytes', () => {
    expect(boundByteLength('é')).toBe(2);
    expect(boundByteLength(['ab'])).toBe(6);
    expect(boundByteLength(12)).toBe(0);
  });

  it('bounds nesting without recursion, even for documents deeper than the stack', () => {
    expect(isWithinJsonDepth({ a: [{ b: 1 }] }, 3)).toBe(true);
    expect(isWithinJsonDepth({ a: [{ b: {} }] }, 3)).toBe(false);
    expect(isWithinJsonDepth('scalar', 0)).toBe(true);
    expect(isWithinJsonDepth(nested(MAX_JSON_DEPTH))).toBe(true);
    expect(isWithinJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(false);
    expect(isWithinJsonDepth(nested(200_000))).toBe(false);
  });
});
