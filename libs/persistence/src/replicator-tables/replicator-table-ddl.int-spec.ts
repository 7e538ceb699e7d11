import { opaqueId } from '@whdb/core';
import { dropOrganizationSchema, ensureOrganizationSchema } from './organization-schema';
import { createReplicatorTable, dropReplicatorTable, replicatorTableExists } from './replicator-table-ddl';
import { connectDatabase, Database } from '../database/database';
import { openTestDatabase, testDatabaseUrl, uniqueSuffix, withTestSession } from '../testing/test-database';
import { widgetSchema } from '../testing/widget-replicator-schema';

describe('organization schemas and replicator table DDL', () => {
  let dataSource: Database;
  const orgKeys: string[] = [];

  beforeAll(async () => {
    dataSource = await openTestDatabase();
  });

  afterAll(async () => {
    for (const key of orgKeys) await dropOrganizationSchema(dataSource, key);
    await dataSource.close();
  });

  function newOrgKey(): string {
    const key = `t_ddl_${uniqueSuffix()}`;
    orgKeys.push(key);
    return key;
  }

  it('creates the schema and readonly role idempotently, even when called concurrently', async () => {
    const key = newOrgKey();
    const others = await Promise.all([0, 1, 2].map(() => connectDatabase(testDatabaseUrl(), { poolSize: 1 })));
    try {
      const results = await Promise.all([...others, dataSource].map((source) => ensureOrganizationSchema(source, key)));
      expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ schema: `whdb_org_${key}`, readonlyRole: `whdb_org_${key}_readonly` })]));
    } finally {
      await Promise.all(others.map((source) => source.close()));
    }
    const [role] = await dataSource.query<{ rolcanlogin: boolean }>('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [`whdb_org_${key}_readonly`]);
    expect(role).toEqual({ rolcanlogin: false });
  });

  it('creates the replicator table with the contract shape and index names', async () => {
    const key = newOrgKey();
    const { schema } = await ensureOrganizationSchema(dataSource, key);
    const spec = { schema, table: 'widget_v1_ab12', opaqueId: opaqueId('svi'), replicatorSchema: widgetSchema };
    await createReplicatorTable(dataSource, spec);
    await createReplicatorTable(dataSource, spec); // IF NOT EXISTS

    const columns = await dataSource.query<Record<string, string>>(
      `SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [schema, spec.table],
    );
    expect(columns.map((c: Record<string, string>) => [c['column_name'], c['udt_name'], c['is_nullable']])).toEqual([
      ['pk', 'int8', 'NO'],
      ['widget_id', 'text', 'NO'],
      ['name', 'text', 'YES'],
      ['balance', 'int4', 'YES'],
      ['nickname', 'text', 'YES'],
      ['tags', '_text', 'YES'],
      ['amount', 'numeric', 'YES'],
      ['active', 'bool', 'YES'],
      ['updated_at', 'timestamptz', 'YES'],
      ['data', 'jsonb', 'NO'],
    ]);
    const indexes = await dataSource.query<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname`, [
      schema,
      spec.table,
    ]);
    const byName = Object.fromEntries(indexes.map((i: { indexname: string; indexdef: string }) => [i.indexname, i.indexdef]));
    expect(Object.keys(byName).sort()).toEqual(
      [`${spec.opaqueId}_balance_idx`, `${spec.opaqueId}_name_idx`, `${spec.opaqueId}_updated_at_idx`, 'widget_v1_ab12_pkey', 'widget_v1_ab12_widget_id_key'].sort(),
    );
    expect(byName[`${spec.opaqueId}_balance_idx`]).toMatch(/WHERE \(balance IS NOT NULL\)$/);
    expect(byName['widget_v1_ab12_widget_id_key']).toMatch(/UNIQUE INDEX/);

    await dropReplicatorTable(dataSource, spec);
    await dropReplicatorTable(dataSource, spec); // a missing table is ignored
    await expect(replicatorTableExists(dataSource, spec)).resolves.toBe(false);
  });

  it('lets the readonly role read its own schema and nothing else', async () => {
    const mine = await ensureOrganizationSchema(dataSource, newOrgKey());
    const theirs = await ensureOrganizationSchema(dataSource, newOrgKey());
    // Created after the grants: readable through the default privileges.
    await createReplicatorTable(dataSource, { schema: mine.schema, table: 'widget_v1_0001', opaqueId: opaqueId('svi'), replicatorSchema: widgetSchema });
    await createReplicatorTable(dataSource, { schema: theirs.schema, table: 'widget_v1_0002', opaqueId: opaqueId('svi'), replicatorSchema: widgetSchema });
    await dataSource.query(`INSERT INTO "${mine.schema}"."widget_v1_0001" (widget_id, data) VALUES ('w1', '{}')`);

    await withTestSession(dataSource, async (query) => {
      await query(`SET ROLE "${mine.readonlyRole}"`);
      await expect(query(`SELECT widget_id FROM "${mine.schema}"."widget_v1_0001"`)).resolves.toEqual([{ widget_id: 'w1' }]);
      await expect(query(`INSERT INTO "${mine.schema}"."widget_v1_0001" (widget_id, data) VALUES ('w2', '{}')`)).rejects.toThrow(/permission denied/);
      await expect(query(`CREATE TABLE "${mine.schema}".sneaky (id int)`)).rejects.toThrow(/permission denied/);
      await expect(query('SELECT count(*) FROM whdb.service_integrations')).rejects.toThrow(/permission denied for schema whdb/);
      await expect(query(`SELECT count(*) FROM "${theirs.schema}"."widget_v1_0002"`)).rejects.toThrow(/permission denied for schema/);
    });
  });
});
