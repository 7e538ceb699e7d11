import { indexName, orgKeyFromName, orgSchemaName, defaultTableName } from './naming';
import { quoteIdent, validateIdentifier } from './identifiers';

describe('SQL naming', () => {
  it('names indexes <opaque_id>_<cols>_idx, prefixing digit-leading ids', () => {
    expect(indexName('svi_abc', ['balance'])).toBe('svi_abc_balance_idx');
    expect(indexName('9abc', ['a', 'b'])).toBe('idx9abc_a_b_idx');
    expect(indexName('svi_abc', ['a'], 'custom')).toBe('svi_abc_custom_idx');
  });

  it('replaces the column part with an md5 when the name would exceed 63 characters', () => {
    const name = indexName('svi_0123456789abcdefghijklmnopq', ['a_very_long_column_name', 'another_long_column_name']);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^svi_0123456789abcdefghijklmnopq_[0-9a-f]+_idx$/);
    expect(indexName('svi_0123456789abcdefghijklmnopq', ['a_very_long_column_name', 'other'])).not.toBe(name);
  });

  it('validates and quotes identifiers', () => {
    expect(() => validateIdentifier('robert"); drop table x;--')).toThrow(/Invalid identifier/);
    expect(() => validateIdentifier('1abc')).toThrow();
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(orgSchemaName('acme')).toBe('whdb_org_acme');
  });

  it('derives org keys and table names that are safe identifiers', () => {
    expect(orgKeyFromName('Acme Corp.')).toBe('acme_corp');
    expect(orgKeyFromName('42 Labs')).toBe('org_42_labs');
    expect(defaultTableName('increase_account_v1')).toMatch(/^increase_account_v1_[0-9a-f]{4}$/);
  });
});
