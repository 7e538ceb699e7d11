import { column, defineSchema, newerThan } from '@whdb/core';
import { groupByColumnSet, renderRowsParameter, renderUpsertSql, splitIntoRounds } from './upsert-plan';
import { prepareWidget, widgetSchema } from '../testing/widget-replicator-schema';

const at = (minute: number): string => `2024-01-01T00:${String(minute).padStart(2, '0')}:00Z`;

describe('splitIntoRounds', () => {
  it('puts the n-th occurrence of a key into round n, keeping arrival order', () => {
    const rows = ['a', 'b', 'a', 'c', 'a', 'b'].map((id, i) => prepareWidget({ id, updated_at: at(i) }));
    const rounds = splitIntoRounds(rows).map((round) => round.map(({ index, row }) => `${row.remoteKey}${index}`));
    expect(rounds).toEqual([['a0', 'b1', 'c3'], ['a2', 'b5'], ['a4']]);
  });

  it('gives no rounds for no rows', () => {
    expect(splitIntoRounds([])).toEqual([]);
  });
});

describe('groupByColumnSet', () => {
  it('separates rows that leave out skipNil columns', () => {
    const rows = splitIntoRounds([
      prepareWidget({ id: 'a', nickname: 'x', updated_at: at(1) }),
      prepareWidget({ id: 'b', updated_at: at(1) }),
      prepareWidget({ id: 'c', nickname: 'y', updated_at: at(1) }),
    ])[0]!;
    const groups = groupByColumnSet(widgetSchema, rows);
    expect(groups.map((g) => [g.columns.map((c) => c.name).includes('nickname'), g.rows.map((r) => r.row.remoteKey)])).toEqual([
      [true, ['a', 'c']],
      [false, ['b']],
    ]);
    expect(groups[0]!.columns.map((c) => c.name)).toEqual(['widget_id', 'name', 'balance', 'nickname', 'tags', 'amount', 'active', 'updated_at']);
  });

  it('rejects values for undeclared columns', () => {
    const row = { remoteKey: 'a', values: { widget_id: 'a', bogus: 1 }, data: {} };
    expect(() => groupByColumnSet(widgetSchema, [{ index: 0, row }])).toThrow(/undeclared column bogus/);
  });
});

describe('renderUpsertSql', () => {
  it('reads every row from one JSON parameter, updates every column but the key, guards with update-where, returns the change with the row before it', () => {
    const schema = defineSchema({
      remoteKey: column('k', 'text'),
      columns: [column('n', 'int'), column('ts', 'timestamp'), column('o', 'object')],
      timestampColumn: 'ts',
      updateWhere: newerThan('ts'),
    });
    const sql = renderUpsertSql({ schema: 's', table: 't', replicatorSchema: schema }, [schema.remoteKey, ...schema.columns]);
    expect(sql).toBe(
      'WITH r AS (SELECT * FROM json_to_recordset($1::json) AS r("k" text, "n" integer, "ts" timestamptz, "o" text, "data" jsonb)), ' +
        '"prior" AS (SELECT p."k"::text AS "key", to_jsonb(p.*)::text AS "before" FROM "s"."t" AS p WHERE p."k" IN (SELECT r."k" FROM r) FOR UPDATE OF p), ' +
        '"written" AS (INSERT INTO "s"."t" AS existing ("k", "n", "ts", "o", "data") ' +
        'SELECT r."k", r."n", r."ts", r."o"::jsonb, r."data" FROM r LEFT JOIN "prior" ON "prior"."key" = r."k"::text ' +
        'ON CONFLICT ("k") DO UPDATE SET "n" = excluded."n", "ts" = excluded."ts", "o" = excluded."o", "data" = excluded."data" ' +
        'WHERE (existing."ts" < excluded."ts" OR (existing."ts" = excluded."ts" AND existing."data" IS DISTINCT FROM excluded."data")) ' +
        'RETURNING existing."k"::text AS "key", to_jsonb(existing.*)::text AS "after", (existing.xmax = 0) AS "inserted", ' +
        `(pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS "lsn") ` +
        'SELECT w."key", w."after", w."inserted", w."lsn", "prior"."before" FROM "written" AS w LEFT JOIN "prior" ON "prior"."key" = w."key"',
    );
    // A table rebuild (docs/behaviour/rebuild.md#what-is-written): the same insert, straight from the parameter, without RETURNING.
    const silent = renderUpsertSql({ schema: 's', table: 't', replicatorSchema: schema }, [schema.remoteKey, ...schema.columns], false);
    const written = sql.slice(sql.indexOf('"written" AS (') + '"written" AS ('.length, sql.indexOf(' RETURNING '));
    expect(silent).toBe(written.replace('FROM r LEFT JOIN "prior" ON "prior"."key" = r."k"::text', 'FROM json_to_recordset($1::json) AS r("k" text, "n" integer, "ts" timestamptz, "o" text, "data" jsonb)'));
    expect(silent).not.toContain('RETURNING');
  });
});

describe('renderRowsParameter', () => {
  it('writes one object per row with the group columns (null when unset) and data, without NUL escapes', () => {
    const rows = splitIntoRounds([prepareWidget({ id: 'a', name: 'A\u0000', updated_at: at(1) }), prepareWidget({ id: 'b', updated_at: at(2) })])[0]!;
    const columns = widgetSchema.columns.filter((c) => ['name', 'updated_at'].includes(c.name));
    const parsed = JSON.parse(renderRowsParameter([widgetSchema.remoteKey, ...columns], rows)) as Record<string, unknown>[];
    expect(parsed).toEqual([
      { widget_id: 'a', name: 'A', updated_at: '2024-01-01T00:01:00.000Z', data: { id: 'a', name: 'A', updated_at: at(1) } },
      { widget_id: 'b', name: null, updated_at: '2024-01-01T00:02:00.000Z', data: { id: 'b', updated_at: at(2) } },
    ]);
  });
});
