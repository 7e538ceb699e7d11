import fc from 'fast-check';
import { JsonValue } from '@whdb/core';

/** `value` wrapped in `depth` arrays or objects, alternating. */
export function nestJson(depth: number, leaf: JsonValue = 'leaf'): JsonValue {
  let value: JsonValue = leaf;
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { deeper: value };
  return value;
}

/** Code units that break naive handling: NUL, C0/C1 controls, lone surrogates, BOM, RTL marks. */
const NASTY_UNITS = ['\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff', '\ufeff', '\u202e', '\uffff', '\\', '"', '%00', '../'];

/**
 * Strings Postgres or a parser may choke on, strings that look like numbers or dates but are not
 * quite, and long strings (up to `longest` characters).
 */
export function hostileString(maxLength = 300, longest = 60_000): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom(...NASTY_UNITS), maxLength: 40 }),
    fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY_UNITS), fc.string({ maxLength: 10 })).map((parts) => parts.join('')),
    fc.constantFrom('1e400', '-1e400', '0x1F', '1_000', 'NaN', 'Infinity', '9'.repeat(40), '-0', '1e-20000', `0.${'0'.repeat(17_000)}1`, ''),
    fc.constantFrom('0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '9999-12-31T23:59:59Z', '2020-02-30', '10000-01-01', '1970-01-01T00:00:00+25:00'),
    fc.integer({ min: Math.min(2_000, longest), max: longest }).map((n) => 'x'.repeat(n)),
  );
}

/** Numbers at and beyond the edges of integer, bigint, numeric and double precision. */
export function hostileNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e21, 1e308, -1e308, 5e-324, -0, 0.1 + 0.2),
  );
}

/**
 * Any JSON value a hostile or buggy sender may put in a field: the strings and numbers above,
 * wrong types, nesting from shallow to far beyond any real payload. Every value survives a JSON
 * round trip, as a value off the wire does (`-0` stays a number, nothing is `undefined`).
 */
export function hostileJsonValue(): fc.Arbitrary<JsonValue> {
  const leaf: fc.Arbitrary<JsonValue> = fc.oneof(hostileString(), hostileNumber(), fc.boolean(), fc.constant(null));
  return fc.oneof(
    { arbitrary: leaf, weight: 6 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>, weight: 2 },
    { arbitrary: fc.array(leaf, { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.dictionary(hostileString(20), leaf, { maxKeys: 4 }), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 2_000 }).map((depth) => nestJson(depth)), weight: 1 },
  ).map((value) => JSON.parse(JSON.stringify(value)) as JsonValue);
}
