import { AppError } from '../errors/app-error';
import { parseRowChangeMessage, RowChangeOp } from '../events/row-change-envelope';
import { JsonObject } from '../json/json';

/**
 * One version of one row, as the history keeps it (docs/behaviour/history.md#how-it-is-filled):
 * what a row-change event on `whdb.rows.<service>` says, reduced to what the history needs.
 */
export interface RowVersion {
  readonly opaqueId: string;
  readonly remoteKey: string;
  readonly op: RowChangeOp;
  /** `source.lsn`: unique per change, larger for every later change of the same row. */
  readonly position: number;
  /** `source.ts_ms`: when the change was written to the table; the version is valid from then. */
  readonly validFrom: Date;
  /** The row after the change (`after`); null for a delete. */
  readonly row: JsonObject | null;
}

/** Why a message gives no version: a tombstone (expected after every `d`), or something the history cannot use. */
export type RowVersionDecoding =
  | { readonly ok: true; readonly version: RowVersion }
  | { readonly ok: false; readonly reason: 'tombstone' | 'invalid' | 'no_position' | 'bad_key'; readonly detail: string };

/**
 * Decodes a row-change message (docs/topics.md#row-change-envelope) into a row version: the key is
 * `<opaque_id>:<remote key>`, the value the Debezium envelope, checked by `parseRowChangeMessage`
 * (the one decoder of it). A delete (`d`) makes a version without a row: the row's absence.
 */
export function decodeRowVersion(key: string | null, value: Buffer | string | null): RowVersionDecoding {
  let event;
  try {
    event = parseRowChangeMessage(value);
  } catch (error) {
    return { ok: false, reason: 'invalid', detail: error instanceof AppError ? error.message : 'not a row-change event' };
  }
  if (event === null) return { ok: false, reason: 'tombstone', detail: 'a tombstone' };
  const { opaque_id: opaqueId, lsn, ts_ms: tsMs } = event.source;
  if (typeof lsn !== 'number' || !Number.isSafeInteger(lsn) || lsn < 0) return { ok: false, reason: 'no_position', detail: 'no source.lsn (envelope version 1)' };
  const prefix = `${opaqueId}:`;
  if (key === null || !key.startsWith(prefix) || key.length === prefix.length) return { ok: false, reason: 'bad_key', detail: 'key is not <opaque_id>:<remote key>' };
  return {
    ok: true,
    version: {
      opaqueId,
      remoteKey: key.slice(prefix.length),
      op: event.op,
      position: lsn,
      validFrom: new Date(tsMs),
      row: event.op === 'd' ? null : event.after,
    },
  };
}
