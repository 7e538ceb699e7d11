import { column } from './column';
import { normalizeColumnValue } from './normalize-column-value';
import { ResourceShapeError } from '../errors/app-error';

describe('normalizeColumnValue', () => {
  it('turns timestamps into ISO strings and rejects unparseable ones', () => {
    const col = column('at', 'timestamp');
    expect(normalizeColumnValue(col, '2020-01-31T23:59:59+02:00')).toBe('2020-01-31T21:59:59.000Z');
    expect(() => normalizeColumnValue(col, 'yesterday-ish')).toThrow(ResourceShapeError);
  });

  it('accepts integers and numeric strings for int, rejects fractions and words', () => {
    const col = column('n', 'int');
    expect(normalizeColumnValue(col, 100)).toBe(100);
    expect(normalizeColumnValue(col, ' 7 ')).toBe('7');
    expect(() => normalizeColumnValue(col, 1.5)).toThrow(/expects an integer/);
    expect(() => normalizeColumnValue(col, 'ten')).toThrow(ResourceShapeError);
  });

  it('keeps decimal strings exact', () => {
    expect(normalizeColumnValue(column('d', 'decimal'), '0.0100000000000000002')).toBe('0.0100000000000000002');
  });

  it('serializes objects for jsonb and text columns', () => {
    expect(normalizeColumnValue(column('o', 'object'), { a: 1 })).toBe('{"a":1}');
    expect(normalizeColumnValue(column('o', 'object'), 'plain words')).toBe('"plain words"');
    expect(normalizeColumnValue(column('t', 'text'), 12)).toBe('12');
  });

  it('passes null through', () => {
    expect(normalizeColumnValue(column('t', 'text'), null)).toBeNull();
  });
});

describe('normalizeColumnValue: only values Postgres can store (docs/bad-input.md)', () => {
  it('bounds int and bigint to their ranges and writes large integers as digits', () => {
    expect(normalizeColumnValue(column('n', 'int'), 2147483647)).toBe(2147483647);
    expect(() => normalizeColumnValue(column('n', 'int'), 2147483648)).toThrow(/between -2147483648 and 2147483647/);
    expect(() => normalizeColumnValue(column('n', 'int'), '-2147483649')).toThrow(ResourceShapeError);
    expect(normalizeColumnValue(column('n', 'bigint'), '9223372036854775807')).toBe('9223372036854775807');
    expect(normalizeColumnValue(column('n', 'bigint'), 2 ** 60)).toBe('1152921504606846976');
    expect(() => normalizeColumnValue(column('n', 'bigint'), 1e21)).toThrow(ResourceShapeError);
    expect(() => normalizeColumnValue(column('n', 'intarray'), [1, 2 ** 31])).toThrow(ResourceShapeError);
  });

  it('accepts decimal notation only, within numeric and double limits', () => {
    expect(normalizeColumnValue(column('d', 'decimal'), ' 1e-5 ')).toBe('1e-5');
    expect(() => normalizeColumnValue(column('d', 'decimal'), '0x1F')).toThrow(/decimal notation/);
    expect(() => normalizeColumnValue(column('d', 'decimal'), '1e-20000')).toThrow(ResourceShapeError);
    expect(() => normalizeColumnValue(column('d', 'decimal'), 'NaN')).toThrow(ResourceShapeError);
    expect(normalizeColumnValue(column('f', 'double'), '1e-400')).toBe(0);
    expect(normalizeColumnValue(column('f', 'float'), '2.5')).toBe(2.5);
    expect(() => normalizeColumnValue(column('f', 'double'), '1e400')).toThrow(/range of a double/);
  });

  it('refuses timestamps outside the years 1-9999', () => {
    expect(() => normalizeColumnValue(column('at', 'timestamp'), '+275760-09-13T00:00:00Z')).toThrow(/years 1 and 9999/);
    expect(() => normalizeColumnValue(column('at', 'timestamp'), new Date('0000-01-01T00:00:00Z'))).toThrow(ResourceShapeError);
    expect(() => normalizeColumnValue(column('d', 'date'), '0000-01-01')).toThrow(ResourceShapeError);
    expect(() => normalizeColumnValue(column('at', 'timestamp'), 1700000000)).toThrow(/a timestamp/);
  });

  it('strips NUL from text and text arrays and makes lone surrogates U+FFFD', () => {
    expect(normalizeColumnValue(column('t', 'text'), 'a\u0000b')).toBe('ab');
    expect(normalizeColumnValue(column('t', 'text'), { k: 'x\u0000' })).toBe('{"k":"x\\u0000"}');
    expect(normalizeColumnValue(column('t', 'textarray'), ['\u0000x', null, '\udfff'])).toEqual(['x', null, '\ufffd']);
  });

  it('makes jsonb text storable and refuses documents nested too deeply', () => {
    expect(normalizeColumnValue(column('o', 'object'), { a: 'x\u0000\ud800' })).toBe('{"a":"x\\ufffd"}');
    expect(normalizeColumnValue(column('o', 'object'), '{"a": 1}')).toBe('{"a":1}');
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i += 1) deep = [deep];
    expect(() => normalizeColumnValue(column('o', 'object'), deep)).toThrow(/nested less deeply/);
    expect(() => normalizeColumnValue(column('t', 'text'), deep)).toThrow(ResourceShapeError);
  });

  it('accepts UUIDs in the usual spellings and refuses anything else', () => {
    const col = column('u', 'uuid');
    expect(normalizeColumnValue(col, '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}')).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(normalizeColumnValue(col, 'a0eebc999c0b4ef8bb6d6bb9bd380a11')).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(() => normalizeColumnValue(col, 'not-a-uuid')).toThrow(/a UUID/);
    expect(() => normalizeColumnValue(col, 42)).toThrow(ResourceShapeError);
  });
});
