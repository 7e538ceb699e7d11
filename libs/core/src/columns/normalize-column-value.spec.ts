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
