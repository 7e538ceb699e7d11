import { column, CONV_TO_I, CONV_UNIX_TS, Converter, converterFromRegex, DEFAULTER_NOW } from '@whdb/core';
import { columnBackfillSql, renderExtraction } from './column-backfill-sql';

describe('columnBackfillSql', () => {
  it('extracts text for text-like and scalar types, jsonb for objects and arrays', () => {
    expect(renderExtraction(column('name', 'text'))).toBe(`"data" ->> 'name'`);
    expect(renderExtraction(column('amount', 'decimal'))).toBe(`"data" ->> 'amount'`);
    expect(renderExtraction(column('meta', 'object'))).toBe(`"data" -> 'meta'`);
    expect(renderExtraction(column('city', 'text', { dataKey: ['address', 0, 'city'] }))).toBe(`"data" #>> ARRAY['address', '0', 'city']::text[]`);
    expect(renderExtraction(column('score', 'int', { fromEnrichment: true }))).toBe(`"enrichment" ->> 'score'`);
  });

  it('applies the converter SQL twin, casts, then coalesces with the defaulter', () => {
    expect(columnBackfillSql(column('n', 'int', { converter: CONV_TO_I }))).toBe(`(("data" ->> 'n')::integer)::integer`);
    expect(columnBackfillSql(column('at', 'timestamp', { converter: CONV_UNIX_TS, defaulter: DEFAULTER_NOW }))).toBe(
      `coalesce((to_timestamp(("data" ->> 'at')::double precision))::timestamptz, (now())::timestamptz)`,
    );
    expect(columnBackfillSql(column('code', 'text', { converter: converterFromRegex('^(\\d+)') }))).toContain(`substring(("data" ->> 'code')::text, '^(\\d+)')`);
  });

  it('turns a JSON array into a PG array and anything else into NULL', () => {
    expect(columnBackfillSql(column('tags', 'textarray'))).toBe(
      `(CASE WHEN jsonb_typeof("data" -> 'tags') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text("data" -> 'tags'))::text[] END)`,
    );
  });

  it('uses backfillExpr verbatim', () => {
    expect(columnBackfillSql(column('x', 'text', { backfillExpr: 'NULL' }))).toBe('NULL');
  });

  it('fails clearly when a converter has no SQL twin and no backfillExpr is given', () => {
    const noTwin: Converter = { name: 'map_lookup', convert: (v) => v };
    expect(() => columnBackfillSql(column('x', 'text', { converter: noTwin }))).toThrow(/converter map_lookup has no SQL form.*backfillExpr/);
    expect(() => columnBackfillSql(column('x', 'text', { converter: noTwin, backfillExpr: 'NULL' }))).not.toThrow();
  });
});
