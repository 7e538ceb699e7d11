import { column } from '../columns/column';
import { MAX_INDEXED_TEXT_BYTES, MAX_JSON_DEPTH } from '../columns/postgres-value-limits';
import { ResourceShapeError } from '../errors/app-error';
import { JsonObject, JsonValue } from '../json/json';
import { prepareRow } from './prepare-row';
import { defineSchema } from './replicator-schema';
import { newerThan } from './update-where';

const schema = defineSchema({
  remoteKey: column('thing_id', 'text', { dataKey: 'id' }),
  columns: [
    column('label', 'text', { optional: true, index: true }),
    column('note', 'text', { optional: true }),
    column('count', 'int', { optional: true }),
    column('updated_at', 'timestamp', { optional: true }),
  ],
  timestampColumn: 'updated_at',
  updateWhere: newerThan('updated_at'),
});

const now = new Date('2024-01-01T00:00:00Z');
const prepare = (resource: JsonObject) => prepareRow({ schema }, { resource, event: null }, now);

function nestedIn(depth: number): JsonValue {
  let value: JsonValue = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { down: value };
  return value;
}

describe('prepareRow refuses what Postgres could not store (docs/bad-input.md)', () => {
  it('prepares an ordinary resource', () => {
    expect(prepare({ id: 'a', label: 'x', count: 3 })).toEqual({
      remoteKey: 'a',
      values: { thing_id: 'a', label: 'x', note: null, count: 3, updated_at: null },
      data: { id: 'a', label: 'x', count: 3 },
    });
  });

  it('strips NUL from the remote key and refuses a key that is then empty', () => {
    expect(prepare({ id: 'a\u0000b' }).remoteKey).toBe('ab');
    expect(() => prepare({ id: '\u0000' })).toThrow(/remote key thing_id is empty/);
  });

  it('refuses indexed values too long for a btree entry, but not unindexed ones', () => {
    const long = 'é'.repeat(MAX_INDEXED_TEXT_BYTES / 2 + 1);
    expect(() => prepare({ id: long })).toThrow(new ResourceShapeError(`column thing_id is longer than ${MAX_INDEXED_TEXT_BYTES} bytes, too long to index`));
    expect(() => prepare({ id: 'a', label: long })).toThrow(/column label is longer/);
    expect(prepare({ id: 'a', note: long }).values['note']).toBe(long);
  });

  it('refuses a resource nested deeper than the limit, anywhere in it', () => {
    expect(prepare({ id: 'a', extra: nestedIn(MAX_JSON_DEPTH - 1) }).remoteKey).toBe('a');
    expect(() => prepare({ id: 'a', extra: nestedIn(MAX_JSON_DEPTH) })).toThrow(/nested more than 512 levels/);
  });

  it('refuses out-of-range numbers and timestamps as shape errors', () => {
    expect(() => prepare({ id: 'a', count: 2 ** 31 })).toThrow(ResourceShapeError);
    expect(() => prepare({ id: 'a', updated_at: '10000-01-01T00:00:00Z' })).toThrow(ResourceShapeError);
  });
});
