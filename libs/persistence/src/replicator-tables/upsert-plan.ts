import { allColumns, AppError, Column, EXISTING_ROW_ALIAS, pgTypeOf, PreparedRow, qualifiedName, quoteIdent, ReplicatorSchema, toJsonbText } from '@whdb/core';
import { ReplicatorTableRef } from './replicator-table-target';

/** A row with its position in the batch, so results can be reported in arrival order. */
export interface IndexedRow {
  readonly index: number;
  readonly row: PreparedRow;
}

/**
 * Splits a batch into rounds in which every remote key appears at most once (a multi-row
 * `ON CONFLICT DO UPDATE` may not touch a row twice): the first occurrence of each key goes to
 * round 1, the second to round 2, and so on, so each key's rows apply in arrival order.
 */
export function splitIntoRounds(rows: readonly PreparedRow[]): IndexedRow[][] {
  const rounds: IndexedRow[][] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const round = seen.get(row.remoteKey) ?? 0;
    seen.set(row.remoteKey, round + 1);
    (rounds[round] ??= []).push({ index, row });
  });
  return rounds;
}

/**
 * Groups rows by the columns they set, in declaration order. Rows that leave out `skipNil`
 * columns need a statement of their own, so an existing value is not overwritten with NULL.
 */
export function groupByColumnSet(schema: ReplicatorSchema, rows: readonly IndexedRow[]): { columns: Column[]; rows: IndexedRow[] }[] {
  const declared = allColumns(schema);
  const known = new Set(declared.map((col) => col.name));
  const groups = new Map<string, { columns: Column[]; rows: IndexedRow[] }>();
  for (const item of rows) {
    for (const name of Object.keys(item.row.values)) {
      if (!known.has(name)) throw new AppError('invariant_violated', `Prepared row sets undeclared column ${name}`, { column: name });
    }
    const columns = declared.filter((col) => col.name in item.row.values);
    const key = columns.map((col) => col.name).join(',');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { columns, rows: [] }));
    group.rows.push(item);
  }
  return [...groups.values()];
}

/** `jsonb` columns arrive as JSON text in the prepared row: read them as text, then cast. */
function recordsetType(col: Column): string {
  return col.type === 'object' ? 'text' : pgTypeOf(col.type);
}

function selectExpression(col: Column): string {
  return col.type === 'object' ? `r.${quoteIdent(col.name)}::jsonb` : `r.${quoteIdent(col.name)}`;
}

/**
 * The JSON array bound as the statement's one parameter: one object per row with the column
 * values and `data`, made storable by `toJsonbText` (no NUL, no lone surrogate). Binding one
 * document instead of a parameter per value keeps the statement text constant and small,
 * whatever the number of rows.
 */
export function renderRowsParameter(columns: readonly Column[], rows: readonly IndexedRow[]): string {
  const objects = rows.map(({ row }) => {
    const record: Record<string, unknown> = {};
    for (const col of columns) record[col.name] = row.values[col.name] ?? null;
    record['data'] = row.data;
    return record;
  });
  return toJsonbText(objects);
}

/**
 * One statement that upserts the rows and returns each changed row's image before and after
 * (docs/behaviour/upserts.md#upsert-statement):
 *
 * `WITH r AS (SELECT * FROM json_to_recordset($1::json) AS r(col type, ..., data jsonb)),
 * prior AS (SELECT the key, to_jsonb(row) FROM "s"."t" WHERE key IN (SELECT key FROM r) FOR UPDATE),
 * written AS (INSERT INTO "s"."t" AS existing (cols..., data) SELECT r.cols..., r.data FROM r
 * LEFT JOIN prior ON ... ON CONFLICT (remote key) DO UPDATE SET col = excluded.col, ..., data =
 * excluded.data WHERE <update where> RETURNING the key, the row as JSON text, whether it was
 * inserted (`xmax = 0`), and the WAL position after the write)
 * SELECT written.*, prior.before FROM written LEFT JOIN prior ...`
 *
 * `prior` locks and reads the rows as they were; the insert reads its rows through a join with
 * `prior`, so every existing row is locked and read before the insert touches it (a row the
 * statement itself had already updated could not be locked). Rows blocked by the guard return
 * nothing.
 */
export function renderUpsertSql(target: ReplicatorTableRef & { replicatorSchema: ReplicatorSchema }, columns: readonly Column[]): string {
  const remoteKey = quoteIdent(target.replicatorSchema.remoteKey.name);
  const table = qualifiedName(target.schema, target.table);
  const names = [...columns.map((col) => quoteIdent(col.name)), quoteIdent('data')];
  const definitions = [...columns.map((col) => `${quoteIdent(col.name)} ${recordsetType(col)}`), `${quoteIdent('data')} jsonb`];
  const selected = [...columns.map(selectExpression), `r.${quoteIdent('data')}`];
  const updates = [...columns.filter((col) => col.name !== target.replicatorSchema.remoteKey.name).map((col) => col.name), 'data']
    .map((name) => `${quoteIdent(name)} = excluded.${quoteIdent(name)}`)
    .join(', ');
  const existing = EXISTING_ROW_ALIAS;
  return (
    `WITH r AS (SELECT * FROM json_to_recordset($1::json) AS r(${definitions.join(', ')})), ` +
    `"prior" AS (SELECT p.${remoteKey}::text AS "key", to_jsonb(p.*)::text AS "before" FROM ${table} AS p ` +
    `WHERE p.${remoteKey} IN (SELECT r.${remoteKey} FROM r) FOR UPDATE OF p), ` +
    `"written" AS (INSERT INTO ${table} AS ${existing} (${names.join(', ')}) ` +
    `SELECT ${selected.join(', ')} FROM r LEFT JOIN "prior" ON "prior"."key" = r.${remoteKey}::text ` +
    `ON CONFLICT (${remoteKey}) DO UPDATE SET ${updates} WHERE ${target.replicatorSchema.updateWhere.sql} ` +
    `RETURNING ${existing}.${remoteKey}::text AS "key", to_jsonb(${existing}.*)::text AS "after", (${existing}.xmax = 0) AS "inserted", ` +
    `(pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS "lsn") ` +
    `SELECT w."key", w."after", w."inserted", w."lsn", "prior"."before" FROM "written" AS w LEFT JOIN "prior" ON "prior"."key" = w."key"`
  );
}
