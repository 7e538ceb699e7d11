import { JsonObject, opaqueId, orgReadonlyRoleName, RowVersion } from '@whdb/core';
import { Database } from '../database/database';
import { withTransaction } from '../database/transaction';
import { createReplicatorTable, dropReplicatorTable, renameReplicatorTable } from '../replicator-tables/replicator-table-ddl';
import { upsertRows } from '../replicator-tables/replicator-table-writer';
import { useOrganizationSchema, withTestSession } from '../testing/test-database';
import { prepareWidget, widgetSchema } from '../testing/widget-replicator-schema';
import { asOfFunctionIsCurrent, ensureHistoryObjects, historyTableExists, renameHistoryObjects } from './history-objects';
import { writeRowVersions } from './history-version-writer';

const at = (minute: number): Date => new Date(`2024-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`);

describe('the history table and its as-of function', () => {
  const fixture = useOrganizationSchema('t_hist');
  let db: Database;
  let schema: string;
  let readonlyRole: string;
  let tables = 0;

  beforeAll(() => {
    db = fixture.dataSource();
    schema = fixture.schema();
    readonlyRole = orgReadonlyRoleName(fixture.orgKey);
  });

  /** A live widget table with history, and the stored row of each widget version it is given. */
  async function tableWithHistory() {
    tables += 1;
    const spec = { schema, table: `widget_v1_h${tables}`, opaqueId: opaqueId('svi'), readonlyRole };
    await createReplicatorTable(db, { ...spec, replicatorSchema: widgetSchema });
    await ensureHistoryObjects(db, spec);
    const stored = async (resource: JsonObject): Promise<JsonObject> => {
      const [change] = await withTransaction(db, (tx) => upsertRows(tx, { ...spec, replicatorSchema: widgetSchema }, [prepareWidget(resource)]));
      return JSON.parse(change!.afterJson!) as JsonObject;
    };
    const version = (remoteKey: string, position: number, minute: number, row: JsonObject | null, op: RowVersion['op'] = 'u'): RowVersion => ({
      opaqueId: spec.opaqueId,
      remoteKey,
      op: row === null ? 'd' : op,
      position,
      validFrom: at(minute),
      row,
    });
    const asOf = (table: string, time: Date) =>
      db.query<{ widget_id: string; name: string; balance: number }>(`SELECT widget_id, name, balance FROM "${schema}"."${table}_as_of"($1) ORDER BY widget_id`, [time]);
    return { spec, stored, version, asOf };
  }

  it('answers with each version at times between the changes, whatever order and however often they arrive', async () => {
    const { spec, stored, version, asOf } = await tableWithHistory();
    const v1 = await stored({ id: 'a', name: 'first', balance: 1, updated_at: '2024-01-01T00:01:00Z' });
    const v2 = await stored({ id: 'a', name: 'second', balance: 2, updated_at: '2024-01-01T00:02:00Z' });
    const v3 = await stored({ id: 'a', name: 'third', balance: 3, updated_at: '2024-01-01T00:03:00Z' });
    const other = await stored({ id: 'b', name: 'other', balance: 9, updated_at: '2024-01-01T00:02:00Z' });
    const versions = [version('a', 10, 10, v1, 'c'), version('a', 20, 20, v2), version('a', 30, 30, v3), version('b', 15, 15, other, 'c')];

    expect(await writeRowVersions(db, spec, [versions[2]!, versions[0]!])).toBe(2);
    expect(await writeRowVersions(db, spec, [versions[1]!, versions[3]!, versions[0]!])).toBe(2);
    expect(await writeRowVersions(db, spec, versions)).toBe(0);

    expect(await asOf(spec.table, at(9))).toEqual([]);
    expect(await asOf(spec.table, at(10))).toEqual([{ widget_id: 'a', name: 'first', balance: 1 }]);
    expect(await asOf(spec.table, at(17))).toEqual([
      { widget_id: 'a', name: 'first', balance: 1 },
      { widget_id: 'b', name: 'other', balance: 9 },
    ]);
    expect((await asOf(spec.table, at(25)))[0]).toEqual({ widget_id: 'a', name: 'second', balance: 2 });
    expect((await asOf(spec.table, at(59)))[0]).toEqual({ widget_id: 'a', name: 'third', balance: 3 });
    const history = await db.query<{ source_lsn: string; valid_from: Date; valid_to: Date | null }>(
      `SELECT source_lsn, valid_from, valid_to FROM "${schema}"."${spec.table}_history" WHERE remote_key = 'a' ORDER BY source_lsn`,
    );
    expect(history).toEqual([
      { source_lsn: '10', valid_from: at(10), valid_to: at(20) },
      { source_lsn: '20', valid_from: at(20), valid_to: at(30) },
      { source_lsn: '30', valid_from: at(30), valid_to: null },
    ]);
  });

  it('closes the last version at a delete, and a later re-creation opens a new one', async () => {
    const { spec, stored, version, asOf } = await tableWithHistory();
    const row = await stored({ id: 'a', name: 'only', balance: 5, updated_at: '2024-01-01T00:01:00Z' });
    await writeRowVersions(db, spec, [version('a', 10, 10, row, 'c'), version('a', 20, 20, null)]);
    expect(await asOf(spec.table, at(15))).toEqual([{ widget_id: 'a', name: 'only', balance: 5 }]);
    expect(await asOf(spec.table, at(20))).toEqual([]);
    await writeRowVersions(db, spec, [version('a', 30, 30, { ...row, name: 'again' }, 'c')]);
    expect(await asOf(spec.table, at(25))).toEqual([]);
    expect(await asOf(spec.table, at(31))).toEqual([{ widget_id: 'a', name: 'again', balance: 5 }]);
  });

  it("lets the organization's read-only role read the history and call the function, and nothing more", async () => {
    const { spec, stored, version } = await tableWithHistory();
    await writeRowVersions(db, spec, [version('a', 10, 10, await stored({ id: 'a', name: 'x', updated_at: '2024-01-01T00:01:00Z' }), 'c')]);
    await withTestSession(db, async (query) => {
      await query(`SET ROLE "${readonlyRole}"`);
      expect(await query(`SELECT widget_id FROM "${schema}"."${spec.table}_as_of"($1)`, [at(11)])).toEqual([{ widget_id: 'a' }]);
      expect(await query(`SELECT count(*)::int AS n FROM "${schema}"."${spec.table}_history"`)).toEqual([{ n: 1 }]);
      await expect(query(`DELETE FROM "${schema}"."${spec.table}_history"`)).rejects.toThrow(/permission denied/);
    });
  });

  it('follows a rename of the live table, and is rebuilt when the live table is swapped for another one', async () => {
    const { spec, stored, version, asOf } = await tableWithHistory();
    await writeRowVersions(db, spec, [version('a', 10, 10, await stored({ id: 'a', name: 'kept', updated_at: '2024-01-01T00:01:00Z' }), 'c')]);
    const renamed = `${spec.table}_renamed`;
    await withTransaction(db, async (tx) => {
      await renameReplicatorTable(tx, spec, renamed);
      await renameHistoryObjects(tx, spec, renamed, readonlyRole, spec.opaqueId);
    });
    expect(await historyTableExists(db, spec)).toBe(false);
    expect(await asOf(renamed, at(11))).toEqual([{ widget_id: 'a', name: 'kept', balance: null }]);

    // A swap (a rebuilt version takes the live name, with a new column): the function answers from
    // the new version at once, the old version can be dropped, and ensuring adds the new column.
    const renamedSpec = { ...spec, table: renamed };
    await db.query(`ALTER TABLE "${schema}"."${renamed}" RENAME TO "${renamed}_old"`);
    await createReplicatorTable(db, { ...renamedSpec, opaqueId: opaqueId('svi'), replicatorSchema: widgetSchema });
    expect(await asOf(renamed, at(11))).toEqual([{ widget_id: 'a', name: 'kept', balance: null }]);
    await db.query(`DROP TABLE "${schema}"."${renamed}_old"`);
    await db.query(`ALTER TABLE "${schema}"."${renamed}" ADD COLUMN extra text`);
    expect(await asOfFunctionIsCurrent(db, renamedSpec)).toBe(false);
    await ensureHistoryObjects(db, renamedSpec);
    expect(await asOfFunctionIsCurrent(db, renamedSpec)).toBe(true);
    expect(await db.query(`SELECT widget_id, extra FROM "${schema}"."${renamed}_as_of"($1)`, [at(11)])).toEqual([{ widget_id: 'a', extra: null }]);

    await dropReplicatorTable(db, renamedSpec);
    expect(await historyTableExists(db, renamedSpec)).toBe(false);
  });
});
