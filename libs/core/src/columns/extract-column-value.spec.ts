import { column } from './column';
import { CONV_TO_I, CONV_UNIX_TS, converterFromRegex } from './converters';
import { DEFAULTER_NOW } from './defaulters';
import { extractColumnValue } from './extract-column-value';
import { ResourceShapeError } from '../errors/app-error';

const now = new Date('2024-05-01T00:00:00Z');

describe('extractColumnValue (docs/behaviour/replicator-framework.md#extraction)', () => {
  it('reads the column name by default and digs paths with array indexes', () => {
    expect(extractColumnValue(column('name', 'text'), { resource: { name: 'x' } }, now)).toBe('x');
    const dug = column('first_to', 'text', { dataKey: ['recipients', 1, 'handle'] });
    expect(extractColumnValue(dug, { resource: { recipients: [{ handle: 'a' }, { handle: 'b' }] } }, now)).toBe('b');
  });

  it('raises for a missing required key and for an out-of-range index', () => {
    expect(() => extractColumnValue(column('name', 'text'), { resource: {} }, now)).toThrow(ResourceShapeError);
    expect(() => extractColumnValue(column('x', 'text', { dataKey: ['a', 3] }), { resource: { a: [1] } }, now)).toThrow(/index 3/);
  });

  it('gives null for a missing optional key, stopping at the first missing step', () => {
    const col = column('x', 'text', { dataKey: ['a', 'b', 'c'], optional: true });
    expect(extractColumnValue(col, { resource: { a: null } }, now)).toBeNull();
    expect(extractColumnValue(col, { resource: {} }, now)).toBeNull();
  });

  it('prefers the event key when an event exists, and requires it', () => {
    const col = column('updated_at', 'timestamp', { dataKey: 'created_at', eventKey: 'created_at', optional: true });
    const source = { resource: { created_at: 'resource-time' }, event: { created_at: 'event-time' } };
    expect(extractColumnValue(col, source, now)).toBe('event-time');
    expect(extractColumnValue(col, { resource: { created_at: 'resource-time' } }, now)).toBe('resource-time');
    expect(() => extractColumnValue(col, { resource: {}, event: {} }, now)).toThrow(ResourceShapeError);
  });

  it('applies the defaulter for null, then the converter', () => {
    const col = column('at', 'timestamp', { optional: true, defaulter: DEFAULTER_NOW });
    expect(extractColumnValue(col, { resource: {} }, now)).toEqual(now);
    const converted = column('at', 'timestamp', { converter: CONV_UNIX_TS });
    expect(extractColumnValue(converted, { resource: { at: 1700000000.5 } }, now)).toEqual(new Date(1700000000500));
  });

  it('converts with the documented in-process behaviour', () => {
    expect(CONV_TO_I.convert('"42"')).toBe(42);
    expect(CONV_TO_I.convert('abc')).toBe(0);
    expect(CONV_TO_I.convert(null)).toBeNull();
    expect(CONV_UNIX_TS.convert('not a number')).toBeNull();
    expect(converterFromRegex('^acct_(\\d+)$', 'int').convert('acct_17')).toBe(17);
    expect(converterFromRegex('^acct_(\\d+)$').convert('nope')).toBeNull();
  });
});
