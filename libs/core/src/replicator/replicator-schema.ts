import { Column } from '../columns/column';
import { UpdateWhere } from './update-where';

/**
 * The table a replicator owns (docs/behaviour/replicator-framework.md#table-shape): `pk`, the
 * remote key (unique, not null), the denormalized columns in declaration order, optionally
 * `enrichment`, then `data`.
 */
export interface ReplicatorSchema {
  readonly remoteKey: Column;
  readonly columns: readonly Column[];
  readonly timestampColumn: string;
  readonly updateWhere: UpdateWhere;
  readonly storesEnrichment?: boolean;
}

const RESERVED = new Set(['pk', 'data', 'enrichment']);

/** Validates a schema: unique safe names, no reserved names, timestamp column declared. */
export function defineSchema(schema: ReplicatorSchema): ReplicatorSchema {
  const names = [schema.remoteKey.name, ...schema.columns.map((c) => c.name)];
  const seen = new Set<string>();
  for (const name of names) {
    if (RESERVED.has(name)) throw new Error(`Column name ${name} is reserved`);
    if (seen.has(name)) throw new Error(`Column ${name} is declared twice`);
    seen.add(name);
  }
  if (!schema.columns.some((c) => c.name === schema.timestampColumn)) {
    throw new Error(`Timestamp column ${schema.timestampColumn} must be one of the denormalized columns`);
  }
  // The remote key never gets a separate index; the unique constraint covers it
  // (docs/behaviour/replicator-framework.md#schema).
  const remoteKey = schema.remoteKey.index ? { ...schema.remoteKey, index: false } : schema.remoteKey;
  return Object.freeze({ ...schema, remoteKey });
}

export function allColumns(schema: ReplicatorSchema): readonly Column[] {
  return [schema.remoteKey, ...schema.columns];
}
