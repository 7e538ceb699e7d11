import { ColumnType } from './column-type';
import { Converter, Defaulter } from './converter';
import { validateIdentifier } from '../sql/identifiers';

/** A path into a resource: a key, or a "dig" path whose numeric elements index arrays. */
export type DataKey = string | readonly (string | number)[];

export interface ColumnOptions {
  /** Path into the resource; defaults to the column name. */
  dataKey?: DataKey;
  /** When an event exists, read this path from the event instead (always required). */
  eventKey?: DataKey;
  /** Read `dataKey` from the enrichment instead of the resource. */
  fromEnrichment?: boolean;
  /** A missing key gives null instead of an error. */
  optional?: boolean;
  converter?: Converter;
  defaulter?: Defaulter;
  /** Single-column btree index. */
  index?: boolean;
  /** Make the index partial: `WHERE col IS NOT NULL`. */
  indexNotNull?: boolean;
  /** Leave the column out of insert and update when the final value is null. */
  skipNil?: boolean;
  /** Explicit SQL to compute the column from stored JSON when added to a live table. */
  backfillExpr?: string;
}

export interface Column extends Readonly<ColumnOptions> {
  readonly name: string;
  readonly type: ColumnType;
}

/**
 * Declares a replicator table column (docs/behaviour/replicator-framework.md#columns). The name
 * must be a safe SQL identifier.
 */
export function column(name: string, type: ColumnType, options: ColumnOptions = {}): Column {
  validateIdentifier(name, 'column name');
  return Object.freeze({ name, type, ...options });
}

export function dataKeyOf(col: Column): DataKey {
  return col.dataKey ?? col.name;
}
