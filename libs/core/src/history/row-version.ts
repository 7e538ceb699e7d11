import { isJsonObject, JsonObject } from '../json/json';

/**
 * One version of one row, as the history keeps it (docs/behaviour/history.md#how-it-is-filled):
 * what a row-change event on `whdb.rows.<service>` says, reduced to what the history needs.
 */
export interface RowVersion {
  readonly opaqueId: string;
  readonly remoteKey: string;
  readonly op: 'c' | 'u' | 'd' | 'r';
  /** `source.lsn`: unique per change, larger for every later change of the same row. */
  readonly position: number;
  /** `ts_ms`: when the change was written to the table; the version is valid from then. */
  readonly validFrom: Date;
  /** The row after the change (`after`); null for a delete. */
  readonly row: JsonObject | null;
}

export type RowVersionDecoding = { readonly ok: true; readonly version: RowVersion } | { readonly ok: false; readonly reason: string };

const OPS = new Set(['c', 'u', 'd', 'r']);

/**
 * Decodes a row-change message (docs/topics.md#values): the key is `<opaque_id>:<remote key>`, the
 * value the Debezium-style envelope `{op, before, after, source: {opaque_id, lsn, ...}, ts_ms}`.
 * A delete (`op: d`) has no `after`: the version it makes is the row's absence. This is the only
 * place the history reads the envelope. A message the history cannot use is a value, not an error.
 */
export function decodeRowVersion(key: string | null, value: unknown): RowVersionDecoding {
  if (!isJsonObject(value)) return { ok: false, reason: 'value is not a JSON object' };
  const { op, after, source, ts_ms: tsMs } = value;
  if (typeof op !== 'string' || !OPS.has(op)) return { ok: false, reason: `unknown op ${JSON.stringify(op)}` };
  if (!isJsonObject(source) || typeof source['opaque_id'] !== 'string' || source['opaque_id'] === '') return { ok: false, reason: 'no source.opaque_id' };
  const opaqueId = source['opaque_id'];
  const lsn = source['lsn'];
  if (typeof lsn !== 'number' || !Number.isSafeInteger(lsn) || lsn < 0) return { ok: false, reason: 'no source.lsn' };
  if (typeof tsMs !== 'number' || !Number.isFinite(tsMs)) return { ok: false, reason: 'no ts_ms' };
  const prefix = `${opaqueId}:`;
  if (key === null || !key.startsWith(prefix) || key.length === prefix.length) return { ok: false, reason: 'key is not <opaque_id>:<remote key>' };
  const deleted = op === 'd';
  if (!deleted && !isJsonObject(after)) return { ok: false, reason: `op ${op} without after` };
  return {
    ok: true,
    version: {
      opaqueId,
      remoteKey: key.slice(prefix.length),
      op: op as RowVersion['op'],
      position: lsn,
      validFrom: new Date(tsMs),
      row: deleted ? null : (after as JsonObject),
    },
  };
}
