import { Database } from '../database/database';
import { JsonObject, opaqueId, RowChange } from '@whdb/core';
import { createReplicatorTable } from './replicator-table-ddl';
import { UpsertTarget, upsertRows } from './replicator-table-writer';
import { withTransaction } from '../database/transaction';
import { useOrganizationSchema } from '../testing/test-database';
import { prepareWidget, widgetSchema } from '../testing/widget-replicator-schema';

const at = (minute: number): string => `2024-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
/** The stored row a change reports, as JSON. */
const afterOf = (change: RowChange): Record<string, unknown> => JSON.parse(change.afterJson!) as Record<string, unknown>;
/** The row as it was before the change, as JSON (null for an insert). */
const beforeOf = (change: RowChange): Record<string, unknown> | null => (change.beforeJson === null ? null : (JSON.parse(change.beforeJson) as Record<string, unknown>));
const pgAt = (minute: number): string => `2024-01-01T00:${String(minute).padStart(2, '0')}:00+00:00`;

describe('upsertRows', () => {
  const fixture = useOrganizationSchema('t_up');
  let dataSource: Database;
  let schema: string;
  let tableCount = 0;

  beforeAll(() => {
    dataSource = fixture.dataSource();
    schema = fixture.schema();
  });

  async function newTable(): Promise<UpsertTarget> {
    tableCount += 1;
    const target = { schema, table: `widget_v1_${String(tableCount).padStart(4, '0')}`, replicatorSchema: widgetSchema };
    await createReplicatorTable(dataSource, { ...target, opaqueId: opaqueId('svi') });
    return target;
  }

  const upsert = (target: UpsertTarget, resources: JsonObject[], chunkSize?: number) =>
    withTransaction(dataSource, (tx) => upsertRows(tx, target, resources.map((r) => prepareWidget(r)), { chunkSize }));

  const rowsOf = async (target: UpsertTarget): Promise<Record<string, unknown>[]> =>
    dataSource.query(`SELECT widget_id, name, nickname, updated_at, data FROM "${target.schema}"."${target.table}" ORDER BY widget_id`);

  it('inserts new rows and returns them whole, as stored', async () => {
    const target = await newTable();
    const results = await upsert(target, [
      { id: 'a', name: 'Alpha', balance: 10, tags: ['x', 'y'], amount: '12.50', active: true, updated_at: at(1) },
      { id: 'b', updated_at: at(1) },
    ]);
    expect(results.map((r) => [r.remoteKey, r.op, r.beforeJson, r.rowIndex])).toEqual([
      ['a', 'c', null, 0],
      ['b', 'c', null, 1],
    ]);
    expect(afterOf(results[0]!)).toEqual({
      pk: expect.any(Number),
      widget_id: 'a',
      name: 'Alpha',
      balance: 10,
      nickname: null,
      tags: ['x', 'y'],
      amount: 12.5,
      active: true,
      updated_at: pgAt(1),
      data: { id: 'a', name: 'Alpha', balance: 10, tags: ['x', 'y'], amount: '12.50', active: true, updated_at: at(1) },
    });
  });

  it("announces a backfill's insert as a snapshot read (r), and its later changes as updates", async () => {
    const target = await newTable();
    const snapshot = (resources: JsonObject[]) =>
      withTransaction(dataSource, (tx) => upsertRows(tx, target, resources.map((r) => ({ ...prepareWidget(r), snapshot: true }))));
    const read = await snapshot([{ id: 'a', name: 'v1', updated_at: at(1) }]);
    expect(read.map((r) => [r.remoteKey, r.op, r.beforeJson])).toEqual([['a', 'r', null]]);
    const mixed = await upsert(target, [{ id: 'b', name: 'hook', updated_at: at(1) }]);
    expect(mixed.map((r) => r.op)).toEqual(['c']);
    const changed = await snapshot([{ id: 'a', name: 'v2', updated_at: at(2) }]);
    expect(changed.map((r) => [r.op, beforeOf(r)?.['name'], afterOf(r)['name']])).toEqual([['u', 'v1', 'v2']]);
  });

  it('applies newer versions, ignores older ones, and reports replays as unchanged', async () => {
    const target = await newTable();
    await upsert(target, [{ id: 'a', name: 'v2', updated_at: at(2) }]);

    const [stored] = await dataSource.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t.*) AS row FROM "${target.schema}"."${target.table}" t`);
    const newer = await upsert(target, [{ id: 'a', name: 'v3', updated_at: at(3) }]);
    expect(newer.map((r) => [r.op, afterOf(r)['name']])).toEqual([['u', 'v3']]);
    // The update's pre-image is the whole row as it was, read in the same statement.
    expect(beforeOf(newer[0]!)).toEqual(stored!.row);
    expect(beforeOf(newer[0]!)).toMatchObject({ widget_id: 'a', name: 'v2', pk: afterOf(newer[0]!)['pk'] });

    await expect(upsert(target, [{ id: 'a', name: 'v1', updated_at: at(1) }])).resolves.toEqual([]);
    await expect(upsert(target, [{ id: 'a', name: 'v3', updated_at: at(3) }])).resolves.toEqual([]);
    expect(await rowsOf(target)).toEqual([expect.objectContaining({ widget_id: 'a', name: 'v3', updated_at: new Date(at(3)) })]);
  });

  it('resolves repeated keys in one batch in arrival order', async () => {
    const target = await newTable();
    const results = await upsert(target, [
      { id: 'a', name: 'a1', updated_at: at(1) },
      { id: 'b', name: 'b5', updated_at: at(5) },
      { id: 'a', name: 'a3', updated_at: at(3) },
      { id: 'b', name: 'b4', updated_at: at(4) },
      { id: 'a', name: 'a2', updated_at: at(2) },
      { id: 'c', name: 'c1', updated_at: at(1) },
    ]);
    expect(results.map((r) => `${r.op}:${String(afterOf(r)['name'])}`)).toEqual(['c:a1', 'c:b5', 'c:c1', 'u:a3']);
    // The second round sees what the first one wrote: a3's pre-image is a1.
    expect(results.map((r) => beforeOf(r)?.['name'] ?? null)).toEqual([null, null, null, 'a1']);
    expect(results.map((r) => r.rowIndex)).toEqual([0, 1, 5, 2]);
    expect((await rowsOf(target)).map((r) => r['name'])).toEqual(['a3', 'b5', 'c1']);
  });

  it('splits large batches into statements and keeps arrival order across column sets', async () => {
    const target = await newTable();
    const resources = Array.from({ length: 7 }, (_, i) => ({ id: `w${i}`, updated_at: at(1), ...(i % 2 ? { nickname: `n${i}` } : {}) }));
    const results = await upsert(target, resources, 2);
    expect(results.map((r) => r.remoteKey)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
    expect(results.every((r) => r.op === 'c')).toBe(true);
    expect(await rowsOf(target)).toHaveLength(7);
  });

  it('keeps the existing value of a skipNil column when the new version lacks it', async () => {
    const target = await newTable();
    await upsert(target, [{ id: 'a', nickname: 'Ace', name: 'first', updated_at: at(1) }]);
    const [changed] = await upsert(target, [{ id: 'a', name: 'second', updated_at: at(2) }]);
    expect(afterOf(changed!)).toMatchObject({ name: 'second', nickname: 'Ace' });
  });

  it('strips escaped NULs from data but keeps an escaped backslash before u0000', async () => {
    const target = await newTable();
    await upsert(target, [{ id: 'a', updated_at: at(1), note: 'nul:\u0000:end', path: 'C:\\u0000' }]);
    const [row] = await rowsOf(target);
    expect(row!['data']).toMatchObject({ note: 'nul::end', path: 'C:\\u0000' });
  });

  it('maps a value Postgres rejects to a non-retriable resource_shape_invalid', async () => {
    const target = await newTable();
    const bad = { remoteKey: 'a', values: { widget_id: 'a', balance: 'lots', updated_at: at(1) }, data: {} };
    await expect(withTransaction(dataSource, (tx) => upsertRows(tx, target, [bad]))).rejects.toMatchObject({
      code: 'resource_shape_invalid',
      retriable: false,
    });
  });

  it('reads the pre-image after waiting for a concurrent writer of the row: before is what that writer committed', async () => {
    const target = await newTable();
    await upsert(target, [{ id: 'a', name: 'v1', updated_at: at(1) }]);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = withTransaction(dataSource, async (tx) => {
      await upsertRows(tx, target, [prepareWidget({ id: 'a', name: 'v2', updated_at: at(2) })]);
      await gate;
    });
    // Started while the first transaction holds the row: it waits for the row lock.
    const second = upsert(target, [{ id: 'a', name: 'v3', updated_at: at(3) }]);
    for (let waited = 0; ; waited += 1) {
      const [{ waiting }] = (await dataSource.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE 'WITH r AS%'`,
      )) as [{ waiting: number }];
      if (waiting > 0) break;
      if (waited > 500) throw new Error('the second upsert never waited for the row lock');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();
    await first;
    const [changed] = await second;
    expect([changed!.op, beforeOf(changed!)?.['name'], afterOf(changed!)['name']]).toEqual(['u', 'v2', 'v3']);
  });

  it('does nothing for an empty batch', async () => {
    const target = await newTable();
    await expect(upsert(target, [])).resolves.toEqual([]);
  });
});
