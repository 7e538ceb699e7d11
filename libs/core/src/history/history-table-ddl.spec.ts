import { asOfFunctionName, createAsOfFunctionStatements, createHistoryTableStatements, dropHistoryStatements, historyTableName } from './history-table-ddl';

const spec = { schema: 'whdb_org_acme', table: 'increase_account_v1_3fa1', opaqueId: 'svi_abc', readonlyRole: 'whdb_org_acme_readonly' };

describe('history DDL', () => {
  it('names the history table and the function after the live table', () => {
    expect(historyTableName('accounts')).toBe('accounts_history');
    expect(asOfFunctionName('accounts')).toBe('accounts_as_of');
    expect(() => historyTableName('a'.repeat(60))).toThrow(/history table name/);
  });

  it('keys a version by remote key and position, indexes validity for as-of lookups, and lets the read-only role read it', () => {
    const [create, index, grant] = createHistoryTableStatements(spec);
    expect(create).toContain('CREATE TABLE IF NOT EXISTS "whdb_org_acme"."increase_account_v1_3fa1_history"');
    expect(create).toContain('PRIMARY KEY (remote_key, source_lsn)');
    expect(index).toBe('CREATE INDEX IF NOT EXISTS "svi_abc_history_validity_idx" ON "whdb_org_acme"."increase_account_v1_3fa1_history" USING gist (tstzrange(valid_from, valid_to))');
    expect(grant).toBe('GRANT SELECT ON "whdb_org_acme"."increase_account_v1_3fa1_history" TO "whdb_org_acme_readonly"');
  });

  it("returns the live table's columns from the as-of function, callable by the read-only role", () => {
    const statements = createAsOfFunctionStatements(spec, [
      { name: 'pk', type: 'bigint' },
      { name: 'increase_id', type: 'text' },
      { name: 'updated_at', type: 'timestamp with time zone' },
    ]);
    expect(statements[1]).toContain('"whdb_org_acme"."increase_account_v1_3fa1_as_of"(as_of_time timestamptz) RETURNS TABLE("pk" bigint, "increase_id" text, "updated_at" timestamp with time zone)');
    expect(statements[1]).toContain('SELECT r."pk", r."increase_id", r."updated_at" FROM');
    expect(statements[1]).toContain('jsonb_populate_record(NULL::"whdb_org_acme"."increase_account_v1_3fa1", h.row_data)');
    expect(() => createAsOfFunctionStatements(spec, [{ name: 'x', type: 'text; DROP TABLE y' }])).toThrow(/unexpected column type/);
    expect(statements[3]).toBe('GRANT EXECUTE ON FUNCTION "whdb_org_acme"."increase_account_v1_3fa1_as_of"(timestamptz) TO "whdb_org_acme_readonly"');
  });

  it('drops nothing for a table whose name leaves no room for a history', () => {
    expect(dropHistoryStatements({ schema: 'whdb_org_acme', table: 'a'.repeat(60) })).toEqual([]);
    expect(dropHistoryStatements(spec)).toHaveLength(2);
  });
});
