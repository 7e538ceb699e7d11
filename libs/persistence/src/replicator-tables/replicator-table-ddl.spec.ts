import { column, defineSchema, newerThan } from '@whdb/core';
import { renderCreateTableSql } from './replicator-table-ddl';
import { widgetSchema } from '../testing/widget-replicator-schema';

describe('renderCreateTableSql', () => {
  it('renders pk, remote key, columns in declaration order, data, then indexes', () => {
    expect(renderCreateTableSql({ schema: 'whdb_org_acme', table: 'widget_v1_ab12', opaqueId: 'svi_abc', replicatorSchema: widgetSchema })).toBe(
      [
        'CREATE TABLE IF NOT EXISTS "whdb_org_acme"."widget_v1_ab12" (',
        '  "pk" bigserial PRIMARY KEY,',
        '  "widget_id" text UNIQUE NOT NULL,',
        '  "name" text,',
        '  "balance" integer,',
        '  "nickname" text,',
        '  "tags" text[],',
        '  "amount" numeric,',
        '  "active" boolean,',
        '  "updated_at" timestamptz,',
        '  "data" jsonb NOT NULL',
        ');',
        'CREATE INDEX IF NOT EXISTS "svi_abc_name_idx" ON "whdb_org_acme"."widget_v1_ab12" ("name");',
        'CREATE INDEX IF NOT EXISTS "svi_abc_balance_idx" ON "whdb_org_acme"."widget_v1_ab12" ("balance") WHERE "balance" IS NOT NULL;',
        'CREATE INDEX IF NOT EXISTS "svi_abc_updated_at_idx" ON "whdb_org_acme"."widget_v1_ab12" ("updated_at");',
        '',
      ].join('\n'),
    );
  });

  it('adds enrichment before data when the replicator stores enrichments, and never indexes the remote key', () => {
    const schema = defineSchema({
      remoteKey: column('k', 'text', { index: true }),
      columns: [column('ts', 'timestamp')],
      timestampColumn: 'ts',
      updateWhere: newerThan('ts'),
      storesEnrichment: true,
    });
    const sql = renderCreateTableSql({ schema: 's', table: 't', opaqueId: 'svi_x', replicatorSchema: schema });
    expect(sql).toContain('"ts" timestamptz,\n  "enrichment" jsonb,\n  "data" jsonb NOT NULL');
    expect(sql).not.toContain('CREATE INDEX');
  });

  it('refuses unsafe schema or table names', () => {
    expect(() => renderCreateTableSql({ schema: 's"; DROP', table: 't', opaqueId: 'svi_x', replicatorSchema: widgetSchema })).toThrow(/Invalid schema name/);
  });
});
