/**
 * Column types of replicator tables and their Postgres types
 * (docs/behaviour/replicator-framework.md#table-shape).
 */
export const PG_TYPE_BY_COLUMN_TYPE = {
  bigint: 'bigint',
  bigintarray: 'bigint[]',
  bool: 'boolean',
  date: 'date',
  decimal: 'numeric',
  double: 'double precision',
  float: 'float',
  int: 'integer',
  intarray: 'integer[]',
  object: 'jsonb',
  text: 'text',
  textarray: 'text[]',
  timestamp: 'timestamptz',
  uuid: 'uuid',
} as const;

export type ColumnType = keyof typeof PG_TYPE_BY_COLUMN_TYPE;

export function pgTypeOf(type: ColumnType): string {
  return PG_TYPE_BY_COLUMN_TYPE[type];
}

/** Types read out of stored JSON as text (`->>`) when a column is added later; others use `->`. */
const TEXT_EXTRACTED_TYPES: ReadonlySet<ColumnType> = new Set<ColumnType>(['timestamp', 'date', 'text', 'int', 'bigint']);

export function extractsAsText(type: ColumnType): boolean {
  return TEXT_EXTRACTED_TYPES.has(type);
}
