import { allColumns, AppError, Column, EXISTING_ROW_ALIAS, pgTypeOf, PreparedRow, qualifiedName, quoteIdent, ReplicatorSchema } from '@whdb/core';
import { ReplicatorTableRef } from './replicator-table-target';

/** Postgres binds at most 65535 parameters per statement. */
const MAX_PARAMETERS = 65_535;

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

/** How many rows of `columnCount` columns (plus `data`) fit one statement. */
export function rowsPerStatement(columnCount: number, requested: number): number {
  return Math.max(1, Math.min(requested, Math.floor(MAX_PARAMETERS / (columnCount + 1))));
}

/**
 * `INSERT INTO "s"."t" AS existing (cols..., data) VALUES ($1::type, ..., $k::jsonb), ...
 * ON CONFLICT (remote key) DO UPDATE SET col = excluded.col, ..., data = excluded.data
 * WHERE <update where> RETURNING to_jsonb(existing.*) AS after, (existing.xmax = 0) AS inserted`.
 * Rows blocked by the guard return nothing; `xmax = 0` tells an insert from an update.
 */
export function renderUpsertSql(target: ReplicatorTableRef & { replicatorSchema: ReplicatorSchema }, columns: readonly Column[], rowCount: number): string {
  const remoteKey = target.replicatorSchema.remoteKey.name;
  const names = [...columns.map((col) => quoteIdent(col.name)), quoteIdent('data')];
  const casts = [...columns.map((col) => pgTypeOf(col.type)), 'jsonb'];
  const tuples: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const base = r * casts.length;
    tuples.push(`(${casts.map((cast, i) => `$${base + i + 1}::${cast}`).join(', ')})`);
  }
  const updates = [...columns.filter((col) => col.name !== remoteKey).map((col) => col.name), 'data']
    .map((name) => `${quoteIdent(name)} = excluded.${quoteIdent(name)}`)
    .join(', ');
  return (
    `INSERT INTO ${qualifiedName(target.schema, target.table)} AS ${EXISTING_ROW_ALIAS} (${names.join(', ')}) VALUES ${tuples.join(', ')} ` +
    `ON CONFLICT (${quoteIdent(remoteKey)}) DO UPDATE SET ${updates} WHERE ${target.replicatorSchema.updateWhere.sql} ` +
    `RETURNING to_jsonb(${EXISTING_ROW_ALIAS}.*) AS "after", (${EXISTING_ROW_ALIAS}.xmax = 0) AS "inserted"`
  );
}
