import { ReplicatorSchema, validateIdentifier } from '@whdb/core';

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

/** Validates the schema and table names (they are interpolated, quoted, into SQL). */
export function validateTableRef(ref: ReplicatorTableRef): void {
  validateIdentifier(ref.schema, 'schema name');
  validateIdentifier(ref.table, 'table name');
}
