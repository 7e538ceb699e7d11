import { Database } from '../database/database';
import { column, Converter, CONV_UNIX_TS, defineSchema, DEFAULTER_FALSE, opaqueId, ReplicatorSchema } from '@whdb/core';
import { ensureColumns } from './ensure-columns';
import { createReplicatorTable } from './replicator-table-ddl';
import { upsertRows } from './replicator-table-writer';
import { withTransaction } from '../database/transaction';
import { useOrganizationSchema } from '../testing/test-database';
import { prepareWidget, widgetSchema } from '../testing/widget-replicator-schema';

/** Version 1 plus columns added later without bumping the version. */
const widgetSchemaV1b: ReplicatorSchema = defineSchema({
  ...widgetSchema,
  columns: [
    ...widgetSchema.columns,
    column('color', 'text', { optional: true, index: true }),
    column('shipped_at', 'timestamp', { dataKey: ['shipping', 'at'], optional: true, converter: CONV_UNIX_TS }),
    column('archived', 'bool', { optional: true, defaulter: DEFAULTER_FALSE }),
  ],
});

describe('ensureColumns', () => {
  const fixture = useOrganizationSchema('t_cols');
  let dataSource: Database;
  let schema: string;
  let count = 0;

  beforeAll(() => {
    dataSource = fixture.dataSource();
    schema = fixture.schema();
  });

  async function v1TableWithRows(rows: number) {
    count += 1;
    const spec = { schema, table: `widget_v1_${String(count).padStart(4, '0')}`, opaqueId: opaqueId('svi'), replicatorSchema: widgetSchema };
    await createReplicatorTable(dataSource, spec);
    const resources = Array.from({ length: rows }, (_, i) => ({
      id: `w${i}`,
      updated_at: '2024-01-01T00:00:00Z',
      color: i % 2 ? 'red' : 'blue',
      shipping: { at: 1_700_000_000 + i },
      ...(i === 0 ? { archived: true } : {}),
    }));
    await withTransaction(dataSource, (tx) => upsertRows(tx, spec, resources.map((r) => prepareWidget(r))));
    return spec;
  }

  it('adds missing columns, fills them from data in pk chunks, and indexes them concurrently', async () => {
    const v1 = await v1TableWithRows(5);
    const spec = { ...v1, replicatorSchema: widgetSchemaV1b };
    const result = await ensureColumns(dataSource, spec, { chunkSize: 2 });
    expect(result).toEqual({
      created: false,
      addedColumns: ['color', 'shipped_at', 'archived'],
      droppedInvalidIndexes: [],
      createdIndexes: [`${spec.opaqueId}_color_idx`],
    });
    const rows = await dataSource.query(`SELECT widget_id, color, shipped_at, archived FROM "${schema}"."${spec.table}" ORDER BY pk`);
    expect(rows).toEqual(
      Array.from({ length: 5 }, (_, i) => ({
        widget_id: `w${i}`,
        color: i % 2 ? 'red' : 'blue',
        shipped_at: new Date((1_700_000_000 + i) * 1000),
        archived: i === 0,
      })),
    );
    const columns = await dataSource.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, [
      schema,
      spec.table,
    ]);
    // Added columns come after data: Postgres appends them.
    expect(columns.map((c: { column_name: string }) => c.column_name).slice(-4)).toEqual(['data', 'color', 'shipped_at', 'archived']);

    // Nothing left to do the second time.
    await expect(ensureColumns(dataSource, spec)).resolves.toEqual({ created: false, addedColumns: [], droppedInvalidIndexes: [], createdIndexes: [] });
  });

  it('creates the whole table when it is missing', async () => {
    const spec = { schema, table: 'widget_v1_new0', opaqueId: opaqueId('svi'), replicatorSchema: widgetSchemaV1b };
    const result = await ensureColumns(dataSource, spec);
    expect(result.created).toBe(true);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [schema, spec.table]);
    expect(n).toBe(2 + widgetSchemaV1b.columns.length + 1);
  });

  it('rebuilds an index left invalid by a failed concurrent build', async () => {
    const spec = await v1TableWithRows(2);
    // A unique index over duplicate values fails and leaves an invalid index behind under the wanted name.
    await dataSource.query(`DROP INDEX "${schema}"."${spec.opaqueId}_updated_at_idx"`);
    await expect(dataSource.query(`CREATE UNIQUE INDEX CONCURRENTLY "${spec.opaqueId}_updated_at_idx" ON "${schema}"."${spec.table}" (updated_at)`)).rejects.toThrow();
    const result = await ensureColumns(dataSource, spec);
    expect(result).toMatchObject({ droppedInvalidIndexes: [`${spec.opaqueId}_updated_at_idx`], createdIndexes: [`${spec.opaqueId}_updated_at_idx`] });
    const [{ valid }] = await dataSource.query(`SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`, [
      `${spec.opaqueId}_updated_at_idx`,
    ]);
    expect(valid).toBe(true);
  });

  it('refuses, before changing the table, a new column whose converter has no SQL twin', async () => {
    const v1 = await v1TableWithRows(1);
    const noTwin: Converter = { name: 'lookup', convert: (v) => v };
    const broken = defineSchema({ ...widgetSchema, columns: [...widgetSchema.columns, column('label', 'text', { optional: true, converter: noTwin })] });
    await expect(ensureColumns(dataSource, { ...v1, replicatorSchema: broken })).rejects.toMatchObject({
      code: 'invariant_violated',
      message: expect.stringContaining('converter lookup has no SQL form'),
    });
    const columns = await dataSource.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = 'label'`, [schema, v1.table]);
    expect(columns).toEqual([]);

    const withExpr = defineSchema({
      ...widgetSchema,
      columns: [...widgetSchema.columns, column('label', 'text', { optional: true, converter: noTwin, backfillExpr: `upper("data" ->> 'id')` })],
    });
    await ensureColumns(dataSource, { ...v1, replicatorSchema: withExpr });
    await expect(dataSource.query(`SELECT label FROM "${schema}"."${v1.table}"`)).resolves.toEqual([{ label: 'W0' }]);
  });
});
