import { isSafeIdentifier, qualifiedName, quoteIdent, validateIdentifier } from '../sql/identifiers';
import { indexName } from '../sql/naming';
import { ReplicatorTableRef, validateTableRef } from '../sql/replicator-table-ddl';

/**
 * The pure half of an integration's history (docs/behaviour/history.md#the-history-table): the
 * `<table>_history` table with every version of every row, and the `<table>_as_of(timestamptz)`
 * function that answers with the table's rows as they were at that time. Running it is
 * `libs/persistence` (`ensureHistoryObjects`).
 */

/** The live table plus what the history's DDL needs: the opaque id (index name) and the role analysts read with. */
export interface HistorySpec extends ReplicatorTableRef {
  readonly opaqueId: string;
  /** `whdb_org_<key>_readonly`: granted SELECT on the history and EXECUTE on the function. */
  readonly readonlyRole: string;
}

const HISTORY_SUFFIX = '_history';
const AS_OF_SUFFIX = '_as_of';

/** `<table>_history`; a table name too long for the suffix is an `invalid_identifier` (rename the table first). */
export function historyTableName(table: string): string {
  return validateIdentifier(`${table}${HISTORY_SUFFIX}`, 'history table name (the table name plus "_history")');
}

/** `<table>_as_of`. */
export function asOfFunctionName(table: string): string {
  return validateIdentifier(`${table}${AS_OF_SUFFIX}`, 'as-of function name');
}

/** The history's columns, in order (the catalog other code names them from). */
export const HistoryColumns = {
  remoteKey: 'remote_key',
  sourceLsn: 'source_lsn',
  op: 'op',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  rowData: 'row_data',
} as const;

/** The GiST index serving as-of lookups, named after the opaque id like the live table's indexes. */
export function historyValidityIndexName(opaqueId: string): string {
  return validateIdentifier(indexName(opaqueId, [], 'history_validity'), 'index name');
}

/**
 * `CREATE TABLE IF NOT EXISTS <table>_history`: one row per change of a row, keyed by the row's
 * remote key and the change's position (`source.lsn` of the row-change event), so the same change
 * applied twice is one row. `row_data` is the row as the event carried it (`after`), NULL for a
 * delete; `[valid_from, valid_to)` is when that version was the table's (valid_to NULL: still is).
 */
export function createHistoryTableStatements(spec: HistorySpec): string[] {
  validateTableRef(spec);
  validateIdentifier(spec.readonlyRole, 'role name');
  const history = qualifiedName(spec.schema, historyTableName(spec.table));
  const c = HistoryColumns;
  const create =
    `CREATE TABLE IF NOT EXISTS ${history} (\n` +
    `  ${c.remoteKey} text NOT NULL,\n` +
    `  ${c.sourceLsn} bigint NOT NULL,\n` +
    `  ${c.op} text NOT NULL CHECK (${c.op} IN ('c', 'u', 'd', 'r')),\n` +
    `  ${c.validFrom} timestamptz NOT NULL,\n` +
    `  ${c.validTo} timestamptz CHECK (${c.validTo} >= ${c.validFrom}),\n` +
    `  ${c.rowData} jsonb,\n` +
    `  PRIMARY KEY (${c.remoteKey}, ${c.sourceLsn})\n` +
    `)`;
  const validity = `CREATE INDEX IF NOT EXISTS ${quoteIdent(historyValidityIndexName(spec.opaqueId))} ON ${history} USING gist (tstzrange(${c.validFrom}, ${c.validTo}))`;
  // The writer's database role may not be the one whose default privileges cover the schema.
  const grant = `GRANT SELECT ON ${history} TO ${quoteIdent(spec.readonlyRole)}`;
  return [create, validity, grant];
}

/** A column of the live table as the catalog describes it (`format_type`), e.g. `{name: 'balance', type: 'bigint'}`. */
export interface LiveColumn {
  readonly name: string;
  readonly type: string;
}

/** The input parameter's name: unlikely to be a column name (output columns share the namespace). */
const AS_OF_PARAMETER = 'as_of_time';
const TYPE_TEXT = /^[A-Za-z0-9 _[\](),."]+$/;

/**
 * `<table>_as_of(as_of_time timestamptz) RETURNS TABLE(<the live table's columns>)`: the versions
 * valid at that time (deleted rows left out), turned back into the live table's columns, so a
 * column added after a version was written is NULL in it. The columns are listed rather than the
 * return type being the table's row type: the function then does not pin the table, so a table
 * version swapped out by a rebuild can be dropped, and the body names the live table, whichever
 * version holds the name. Dropped and created again when the columns change (`ensureHistoryObjects`).
 */
export function createAsOfFunctionStatements(spec: HistorySpec, columns: readonly LiveColumn[]): string[] {
  validateTableRef(spec);
  validateIdentifier(spec.readonlyRole, 'role name');
  if (columns.length === 0) throw new Error(`no columns given for ${spec.table}_as_of`);
  for (const column of columns) if (!TYPE_TEXT.test(column.type)) throw new Error(`unexpected column type ${JSON.stringify(column.type)}`);
  const live = qualifiedName(spec.schema, spec.table);
  const history = qualifiedName(spec.schema, historyTableName(spec.table));
  const fn = qualifiedName(spec.schema, asOfFunctionName(spec.table));
  const c = HistoryColumns;
  const body =
    `SELECT ${columns.map((column) => `r.${quoteIdent(column.name)}`).join(', ')} ` +
    `FROM ${history} h CROSS JOIN LATERAL jsonb_populate_record(NULL::${live}, h.${c.rowData}) r ` +
    `WHERE tstzrange(h.${c.validFrom}, h.${c.validTo}) @> $1 AND h.${c.rowData} IS NOT NULL`;
  const returns = columns.map((column) => `${quoteIdent(column.name)} ${column.type}`).join(', ');
  return [
    `DROP FUNCTION IF EXISTS ${fn}(timestamptz)`,
    `CREATE FUNCTION ${fn}(${AS_OF_PARAMETER} timestamptz) RETURNS TABLE(${returns}) LANGUAGE sql STABLE AS $whdb_as_of$ ${body} $whdb_as_of$`,
    `COMMENT ON FUNCTION ${fn}(timestamptz) IS 'Rows of ${spec.table} as they were at the given time (docs/behaviour/history.md)'`,
    `GRANT EXECUTE ON FUNCTION ${fn}(timestamptz) TO ${quoteIdent(spec.readonlyRole)}`,
  ];
}

/** Drops the function and the history table (the integration is deleted); none for a table too long to have a history. */
export function dropHistoryStatements(ref: ReplicatorTableRef): string[] {
  validateTableRef(ref);
  if (!isSafeIdentifier(`${ref.table}${HISTORY_SUFFIX}`)) return [];
  return [
    `DROP FUNCTION IF EXISTS ${qualifiedName(ref.schema, asOfFunctionName(ref.table))}(timestamptz)`,
    `DROP TABLE IF EXISTS ${qualifiedName(ref.schema, historyTableName(ref.table))}`,
  ];
}
