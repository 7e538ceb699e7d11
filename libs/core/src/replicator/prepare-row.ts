import { allColumns, ReplicatorSchema } from './replicator-schema';
import { Replicator, ResourceAndEvent } from './replicator';
import { extractColumnValue } from '../columns/extract-column-value';
import { normalizeColumnValue } from '../columns/normalize-column-value';
import { boundByteLength, isWithinJsonDepth, MAX_INDEXED_TEXT_BYTES, MAX_JSON_DEPTH } from '../columns/postgres-value-limits';
import { ResourceShapeError } from '../errors/app-error';
import { JsonObject } from '../json/json';

/**
 * A row ready to upsert: every column value in the form Postgres accepts as a text parameter
 * (timestamps as ISO strings, objects as JSON text), plus `data`. Columns whose value is null and
 * marked `skipNil` are absent from `values`, so an existing value is not overwritten.
 */
export interface PreparedRow {
  readonly remoteKey: string;
  readonly values: Readonly<Record<string, string | number | boolean | null | readonly unknown[]>>;
  readonly data: JsonObject;
  /** Read by a backfill (`DecodedEvent.snapshot`): an insert of it is announced as `r`, not `c`. */
  readonly snapshot?: boolean;
}

/**
 * Builds the column map for one resource (docs/behaviour/upserts.md#from-event-to-rows). Throws `ResourceShapeError` for a
 * resource Postgres could not store (docs/bad-input.md): a value out of its column's range, an
 * indexed value too long for a btree entry, a document nested deeper than `MAX_JSON_DEPTH`. The
 * ingress calls it before acknowledging, so such a delivery is refused with a 400, never lost.
 */
export function prepareRow(replicator: Pick<Replicator, 'schema' | 'resourceToData'>, item: ResourceAndEvent, now: Date): PreparedRow {
  const schema: ReplicatorSchema = replicator.schema;
  const values: Record<string, string | number | boolean | null | readonly unknown[]> = {};
  for (const col of allColumns(schema)) {
    const value = normalizeColumnValue(col, extractColumnValue(col, { resource: item.resource, event: item.event }, now));
    if (value === null && col.skipNil) continue;
    const indexed = col === schema.remoteKey || col.index === true;
    if (indexed && boundByteLength(value) > MAX_INDEXED_TEXT_BYTES) {
      throw new ResourceShapeError(`column ${col.name} is longer than ${MAX_INDEXED_TEXT_BYTES} bytes, too long to index`);
    }
    values[col.name] = value;
  }
  const remoteKey = values[schema.remoteKey.name];
  if (remoteKey === null || remoteKey === undefined || remoteKey === '') {
    throw new ResourceShapeError(`the remote key ${schema.remoteKey.name} is empty`);
  }
  const data = replicator.resourceToData ? replicator.resourceToData(item) : item.resource;
  if (!isWithinJsonDepth(data)) throw new ResourceShapeError(`the resource is nested more than ${MAX_JSON_DEPTH} levels deep`);
  return { remoteKey: String(remoteKey), values, data };
}
