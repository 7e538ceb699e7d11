import { applySql, createTableSql, rowColumns } from './mirror-table';
import { mirrorRecord } from './row-change';

const schema = {
  $defs: {
    row: {
      properties: { pk: { 'x-postgres-type': 'bigint' }, id: { 'x-postgres-type': 'text' }, tags: { 'x-postgres-type': 'text[]' }, data: { 'x-postgres-type': 'jsonb' } },
      'x-column-order': ['pk', 'id', 'tags', 'data'],
    },
  },
};

describe('mirror table', () => {
  it('has a column per row property with its Postgres type, after the bookkeeping', () => {
    expect(createTableSql('accounts', rowColumns(schema))).toBe(
      'CREATE TABLE IF NOT EXISTS "accounts" ("_key" text PRIMARY KEY, "_opaque_id" text NOT NULL, "_lsn" bigint NOT NULL, "_deleted" boolean NOT NULL, "pk" bigint, "id" text, "tags" text[], "data" jsonb)',
    );
    expect(applySql('accounts', rowColumns(schema))).toContain('WHERE "accounts"."_lsn" <= excluded."_lsn"');
  });

  it('refuses a column name or type that is not plain', () => {
    expect(() => rowColumns({ $defs: { row: { properties: { 'a"b': {} } } } })).toThrow(/not a plain identifier/);
    expect(() => rowColumns({ $defs: { row: { properties: { a: { 'x-postgres-type': 'text; drop' } } } } })).toThrow(/unexpected type/);
  });
});

describe('mirror record', () => {
  const value = (event: unknown) => Buffer.from(JSON.stringify(event));
  const source = { opaque_id: 'svi_1', lsn: 7 };

  it('is the row after the change, with the key, integration and position', () => {
    expect(mirrorRecord('svi_1:a', value({ op: 'u', before: { id: 'a', n: 1 }, after: { id: 'a', n: 2 }, source, ts_ms: 1 }))).toEqual({
      id: 'a',
      n: 2,
      _key: 'svi_1:a',
      _opaque_id: 'svi_1',
      _lsn: 7,
      _deleted: false,
    });
  });

  it('marks a delete, and skips its tombstone', () => {
    expect(mirrorRecord('svi_1:a', value({ op: 'd', before: { id: 'a' }, after: null, source, ts_ms: 1 }))).toEqual({ _key: 'svi_1:a', _opaque_id: 'svi_1', _lsn: 7, _deleted: true });
    expect(mirrorRecord('svi_1:a', null)).toBeNull();
  });
});
