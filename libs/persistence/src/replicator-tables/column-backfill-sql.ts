import { AppError, Column, ColumnType, dataKeyOf, extractsAsText, pgTypeOf, quoteIdent, quoteLiteral } from '@whdb/core';

/** Scalar types read as text too: a JSON number or boolean casts from its text form, not from jsonb. */
const SCALAR_TYPES: ReadonlySet<ColumnType> = new Set<ColumnType>(['decimal', 'double', 'float', 'bool', 'uuid']);
const ARRAY_TYPES: ReadonlySet<ColumnType> = new Set<ColumnType>(['intarray', 'bigintarray', 'textarray']);

function noSqlTwin(col: Column, what: string): never {
  throw new AppError(
    'invariant_violated',
    `Column ${col.name} cannot be filled from stored rows: its ${what} has no SQL form. Give the column a backfillExpr (it may be 'NULL').`,
    { column: col.name },
  );
}

/** Reads as text when the value is scalar or a converter will process it (converters' SQL takes text). */
function extractsText(col: Column): boolean {
  return extractsAsText(col.type) || SCALAR_TYPES.has(col.type) || col.converter !== undefined;
}

/** `"data" ->> 'key'`, or `"data" #>> ARRAY['a','0','b']` for a dig path. */
export function renderExtraction(col: Column): string {
  const source = quoteIdent(col.fromEnrichment ? 'enrichment' : 'data');
  const key = dataKeyOf(col);
  const text = extractsText(col);
  if (typeof key === 'string') return `${source} ${text ? '->>' : '->'} ${quoteLiteral(key)}`;
  const path = key.map((step) => quoteLiteral(String(step))).join(', ');
  return `${source} ${text ? '#>>' : '#>'} ARRAY[${path}]::text[]`;
}

function castTo(col: Column, expr: string): string {
  const type = pgTypeOf(col.type);
  if (ARRAY_TYPES.has(col.type) && !col.converter) {
    // A JSON array becomes a PG array; anything else becomes NULL instead of failing the update.
    return `(CASE WHEN jsonb_typeof(${expr}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(${expr}))::${type} END)`;
  }
  return `(${expr})::${type}`;
}

/**
 * The SQL computing a column from a row's stored JSON (docs/behaviour/replicator-framework.md#fill-expressions): extraction, then the converter's
 * SQL twin, then a cast to the column's type, then `coalesce` with the defaulter's SQL (the
 * defaulter does not go through the converter). `backfillExpr` replaces all of it. Throws
 * `invariant_violated` when a converter or defaulter has no SQL form and no `backfillExpr` is given.
 */
export function columnBackfillSql(col: Column): string {
  if (col.backfillExpr !== undefined) return col.backfillExpr;
  let expr = renderExtraction(col);
  if (col.converter) {
    const sql = col.converter.sql;
    if (!sql) noSqlTwin(col, `converter ${col.converter.name}`);
    expr = sql(expr);
  }
  expr = castTo(col, expr);
  if (col.defaulter) {
    if (col.defaulter.sql === undefined) noSqlTwin(col, `defaulter ${col.defaulter.name}`);
    expr = `coalesce(${expr}, (${col.defaulter.sql})::${pgTypeOf(col.type)})`;
  }
  return expr;
}
