import { Column } from '../columns/column';
import { pgTypeOf } from '../columns/column-type';
import { ReplicatorSchema } from '../replicator/replicator-schema';
import { qualifiedName, quoteIdent, validateIdentifier } from './identifiers';
import { indexName } from './naming';

/**
 * The pure half of a replicator table's DDL: rendering the SQL, no connection. It lives in the
 * domain so that tools without a database (the `whdb fixture` command, generated docs) print the
 * same DDL the api runs (docs/behaviour/replicator-framework.md#table-shape). Running it is
 * `libs/persistence` (`createReplicatorTable`).
 */

/** Where a replicator's rows live: the org schema and the integration's table. */
export interface ReplicatorTableRef {
  readonly schema: string;
  readonly table: string;
}

/** A replicator table plus what its DDL needs: the opaque id (index names) and the columns. */
export interface ReplicatorTableSpec extends ReplicatorTableRef {
  readonly opaqueId: string;
  readonly replicatorSchema: ReplicatorSchema;
}

/** A single-column index a replicator table should have. */
export interface ReplicatorIndex {
  readonly name: string;
  readonly column: string;
  readonly notNull: boolean;
}

/** Validates the schema and table names (they are interpolated, quoted, into SQL). */
export function validateTableRef(ref: ReplicatorTableRef): void {
  validateIdentifier(ref.schema, 'schema name');
  validateIdentifier(ref.table, 'table name');
}

/** The indexes declared by `index: true` columns, named `<opaque_id>_<column>_idx`. */
export function replicatorIndexes(spec: ReplicatorTableSpec): ReplicatorIndex[] {
  return spec.replicatorSchema.columns
    .filter((col) => col.index)
    .map((col) => ({ name: validateIdentifier(indexName(spec.opaqueId, [col.name]), 'index name'), column: col.name, notNull: col.indexNotNull ?? false }));
}

/** `CREATE INDEX [CONCURRENTLY] IF NOT EXISTS ...`, partial when the column is `indexNotNull`. */
export function renderCreateIndexSql(ref: ReplicatorTableRef, index: ReplicatorIndex, concurrently: boolean): string {
  const where = index.notNull ? ` WHERE ${quoteIdent(index.column)} IS NOT NULL` : '';
  return (
    `CREATE INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS ${quoteIdent(index.name)} ` +
    `ON ${qualifiedName(ref.schema, ref.table)} (${quoteIdent(index.column)})${where}`
  );
}

/** The SQL definition of a denormalized column (nullable). */
export function renderColumnDefinition(col: Column): string {
  return `${quoteIdent(validateIdentifier(col.name, 'column name'))} ${pgTypeOf(col.type)}`;
}

/**
 * The statements creating a replicator table: `pk bigserial PRIMARY KEY`, the remote key
 * `UNIQUE NOT NULL`, the denormalized columns in declaration order, `enrichment jsonb` when the
 * replicator stores enrichments, `data jsonb NOT NULL`; then one index per indexed column.
 */
export function createTableStatements(spec: ReplicatorTableSpec): string[] {
  validateTableRef(spec);
  const { remoteKey, columns, storesEnrichment } = spec.replicatorSchema;
  const definitions = [
    `${quoteIdent('pk')} bigserial PRIMARY KEY`,
    `${renderColumnDefinition(remoteKey)} UNIQUE NOT NULL`,
    ...columns.map(renderColumnDefinition),
    ...(storesEnrichment ? [`${quoteIdent('enrichment')} jsonb`] : []),
    `${quoteIdent('data')} jsonb NOT NULL`,
  ];
  const createTable = `CREATE TABLE IF NOT EXISTS ${qualifiedName(spec.schema, spec.table)} (\n  ${definitions.join(',\n  ')}\n)`;
  return [createTable, ...replicatorIndexes(spec).map((index) => renderCreateIndexSql(spec, index, false))];
}

/** The full DDL as one script (for `whdb fixture` and the generated replicator docs). */
export function renderCreateTableSql(spec: ReplicatorTableSpec): string {
  return `${createTableStatements(spec).join(';\n')};\n`;
}
