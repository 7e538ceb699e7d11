/**
 * A converter turns an extracted value into what is stored. Each has an SQL twin (`sql`) that
 * computes the same value from a SQL expression, so that a column added later can be filled from
 * the stored `data` (docs/behaviour/replicator-framework.md#converters, #fill-expressions). `sql`
 * is absent when no faithful twin exists.
 */
export interface Converter {
  readonly name: string;
  convert(value: unknown): unknown;
  sql?(expr: string): string;
}

/**
 * Supplies a value when the extracted one is null/undefined, with its SQL twin
 * (docs/behaviour/replicator-framework.md#defaulters).
 */
export interface Defaulter {
  readonly name: string;
  value(now: Date): unknown;
  sql?: string;
}
