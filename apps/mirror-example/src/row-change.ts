/**
 * The value of a `whdb.rows.<service_name>` message as documented in docs/topics.md#row-change-envelope
 * (a Debezium envelope), written from the documentation alone.
 */
export interface RowChange {
  readonly op: 'c' | 'u' | 'd' | 'r';
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly source: { readonly opaque_id: string; readonly lsn?: number };
  readonly ts_ms: number;
}

/** What to write for one message: the mirror row as a JSON object, or null for a tombstone. */
export function mirrorRecord(key: string, value: Buffer | null): Record<string, unknown> | null {
  if (value === null || value.length === 0) return null; // a tombstone: the `d` before it did the work
  const change = JSON.parse(value.toString('utf8')) as RowChange;
  if (!['c', 'u', 'd', 'r'].includes(change.op)) throw new Error(`unknown op ${JSON.stringify(change.op)}`);
  const bookkeeping = { _key: key, _opaque_id: change.source.opaque_id, _lsn: change.source.lsn ?? 0 };
  // A delete keeps the key and position (so an older event arriving later cannot bring the row back).
  if (change.op === 'd') return { ...bookkeeping, _deleted: true };
  return { ...change.after, ...bookkeeping, _deleted: false };
}
