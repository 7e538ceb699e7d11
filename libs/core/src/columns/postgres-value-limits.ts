/**
 * What Postgres accepts for each column type, checked in process so that a value the projector
 * cannot store is refused per resource, with a clear message, instead of failing a batch in
 * Postgres (docs/bad-input.md). Pure: no I/O.
 */

/** `integer` and `bigint` bounds. */
export const INTEGER_RANGES = {
  int: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  bigint: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
} as const;

/** `numeric`: at most 131072 digits before the decimal point and 16383 after it. */
const NUMERIC_MAX_INTEGER_DIGITS = 131_072;
const NUMERIC_MAX_SCALE = 16_383;

/**
 * Longest text, in UTF-8 bytes, of a value in a btree-indexed column (the remote key's unique
 * constraint, `index: true` columns). A btree entry holds at most 2704 bytes (a third of a page);
 * the margin covers the tuple header and values that do not compress.
 */
export const MAX_INDEXED_TEXT_BYTES = 2048;

/** Deepest nesting of a stored JSON document (`data`, `object` columns). See docs/bad-input.md. */
export const MAX_JSON_DEPTH = 512;

/** Plain decimal notation: sign, digits with an optional point, optional exponent. No hex, no `_`, no NaN/Infinity. */
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The integer a value denotes (an integral number, or decimal digits), or null. */
export function integerOf(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : null;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return BigInt(value.trim());
  return null;
}

/** True when `text` is decimal notation Postgres `numeric` can hold. */
export function isStorableDecimalText(text: string): boolean {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return false;
  const [, , integerPart = '', fractionPart = '', exponentText = '0'] = match;
  if (integerPart === '' && fractionPart === '') return false;
  if (exponentText.replace(/^[+-]?0*/, '').length > 9) return false;
  const exponent = Number(exponentText);
  return integerPart.length + exponent <= NUMERIC_MAX_INTEGER_DIGITS && fractionPart.length - exponent <= NUMERIC_MAX_SCALE;
}

/** Years Postgres reads back from an ISO 8601 string with a four-digit year. */
export function isStorableYear(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** A UTF-16 surrogate without its other half (it has no UTF-8 encoding). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Removes NUL code points, which Postgres `text` rejects, and replaces lone surrogates with U+FFFD. */
export function toStorableText(text: string): string {
  const withoutNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  // Fast path (the hot one): most text has no surrogate at all.
  return ANY_SURROGATE.test(withoutNul) ? withoutNul.replace(LONE_SURROGATE, '\uFFFD') : withoutNul;
}

/** UTF-8 size of a value as bound to a query (strings as they are, arrays as their text). */
export function boundByteLength(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (Array.isArray(value)) return Buffer.byteLength(JSON.stringify(value), 'utf8');
  return 0;
}

/**
 * True when `value`, a parsed JSON value, nests objects and arrays at most `maxDepth` levels deep.
 * Iterative, so that a hostile document cannot exhaust the stack while being checked.
 */
export function isWithinJsonDepth(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const containers: object[] = [value];
  const depths: number[] = [1];
  while (containers.length > 0) {
    const current = containers.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return false;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) {
        containers.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}
