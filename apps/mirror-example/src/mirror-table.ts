/**
 * The mirror's table, made from the published value schema of `whdb.rows.<service_name>`
 * (docs/topics.md#row-schemas): one column per property of `$defs.row`, in `x-column-order`, with
 * its `x-postgres-type`, plus the mirror's own bookkeeping columns.
 */

/** What the mirror reads of the published schema. */
export interface RowsSchema {
  readonly $defs: {
    readonly row: {
      readonly properties: Readonly<Record<string, { readonly 'x-postgres-type'?: string }>>;
      readonly 'x-column-order'?: readonly string[];
    };
  };
}

export interface MirrorColumn {
  readonly name: string;
  readonly pgType: string;
}

/** Bookkeeping: the Kafka key, the integration, the last applied position, deleted or not. */
export const BOOKKEEPING_COLUMNS: readonly MirrorColumn[] = [
  { name: '_key', pgType: 'text PRIMARY KEY' },
  { name: '_opaque_id', pgType: 'text NOT NULL' },
  { name: '_lsn', pgType: 'bigint NOT NULL' },
  { name: '_deleted', pgType: 'boolean NOT NULL' },
];

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const PG_TYPE = /^[a-z ]+(\[\])?$/;

export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** The row's columns as the schema declares them. Refuses names and types that are not plain. */
export function rowColumns(schema: RowsSchema): MirrorColumn[] {
  const row = schema.$defs.row;
  const order = row['x-column-order'] ?? Object.keys(row.properties);
  return order.map((name) => {
    const pgType = row.properties[name]?.['x-postgres-type'] ?? 'jsonb';
    if (!PG_TYPE.test(pgType)) throw new Error(`unexpected type ${JSON.stringify(pgType)} for ${name}`);
    quoteIdentifier(name);
    return { name, pgType };
  });
}

export function createTableSql(table: string, columns: readonly MirrorColumn[]): string {
  const definitions = [...BOOKKEEPING_COLUMNS, ...columns].map((col) => `${quoteIdentifier(col.name)} ${col.pgType}`);
  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table)} (${definitions.join(', ')})`;
}

/**
 * One statement for every event: the row (or, for a delete, nothing but the bookkeeping) is read
 * from a JSON object with `jsonb_populate_record`, and applied only when its position is not older
 * than what the mirror holds, so repeated and out-of-date events change nothing.
 */
export function applySql(table: string, columns: readonly MirrorColumn[]): string {
  const name = quoteIdentifier(table);
  const updated = [...BOOKKEEPING_COLUMNS.filter((col) => col.name !== '_key'), ...columns]
    .map((col) => `${quoteIdentifier(col.name)} = excluded.${quoteIdentifier(col.name)}`)
    .join(', ');
  return (
    `INSERT INTO ${name} SELECT * FROM jsonb_populate_record(null::${name}, $1::jsonb) ` +
    `ON CONFLICT ("_key") DO UPDATE SET ${updated} WHERE ${name}."_lsn" <= excluded."_lsn"`
  );
}
