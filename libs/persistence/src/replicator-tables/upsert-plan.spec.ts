import { column, defineSchema, newerThan } from '@whdb/core';
import { groupByColumnSet, renderUpsertSql, rowsPerStatement, splitIntoRounds } from './upsert-plan';
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

describe('rowsPerStatement', () => {
  it('respects the requested size and the 65535 parameter limit', () => {
    expect(rowsPerStatement(8, 500)).toBe(500);
    expect(rowsPerStatement(299, 500)).toBe(218);
    expect(rowsPerStatement(70_000, 500)).toBe(1);
  });
});

describe('renderUpsertSql', () => {
  it('binds typed parameters, updates every column but the key, and guards with update-where', () => {
    const schema = defineSchema({
      remoteKey: column('k', 'text'),
      columns: [column('n', 'int'), column('ts', 'timestamp')],
      timestampColumn: 'ts',
      updateWhere: newerThan('ts'),
    });
    const sql = renderUpsertSql({ schema: 's', table: 't', replicatorSchema: schema }, [schema.remoteKey, ...schema.columns], 2);
    expect(sql).toBe(
      'INSERT INTO "s"."t" AS existing ("k", "n", "ts", "data") VALUES ($1::text, $2::integer, $3::timestamptz, $4::jsonb), ' +
        '($5::text, $6::integer, $7::timestamptz, $8::jsonb) ' +
        'ON CONFLICT ("k") DO UPDATE SET "n" = excluded."n", "ts" = excluded."ts", "data" = excluded."data" ' +
        'WHERE existing."ts" < excluded."ts" RETURNING to_jsonb(existing.*) AS "after", (existing.xmax = 0) AS "inserted"',
    );
  });
});
